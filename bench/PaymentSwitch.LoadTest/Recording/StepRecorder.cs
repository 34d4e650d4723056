using PaymentSwitch.LoadTest.Reports;

namespace PaymentSwitch.LoadTest.Recording;

/// <summary>
/// Everything one load step records, behind one thread-safe facade for the driver: latency (corrected and
/// service time), hops, outcomes and the timeline; <see cref="ToResult"/> turns it into a <see cref="LoadStepResult"/>.
/// </summary>
/// <remarks>
/// Timed-out payments are counted and go into the corrected latency histogram at the moment the timeout was
/// detected (a lower bound on their latency): leaving them out would flatter the percentiles exactly when the
/// system is worst.
/// </remarks>
public sealed class StepRecorder
{
    private long _sent;

    /// <summary>A recorder for a step starting at <paramref name="startTimestamp"/>.</summary>
    public StepRecorder(long startTimestamp, long timestampFrequency, TimeSpan? interval = null, int maxIntervals = ThroughputTimeline.DefaultMaxIntervals)
    {
        Latency = new LatencyRecorder(timestampFrequency);
        Timeline = new ThroughputTimeline(startTimestamp, timestampFrequency, interval, maxIntervals);
    }

    /// <summary>End-to-end latency.</summary>
    public LatencyRecorder Latency { get; }

    /// <summary>Per-hop latency.</summary>
    public HopRecorder Hops { get; } = new();

    /// <summary>Outcome counts.</summary>
    public OutcomeCounter Outcomes { get; } = new();

    /// <summary>Per-interval counts.</summary>
    public ThroughputTimeline Timeline { get; }

    /// <summary>Payments sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Counts a payment sent at <paramref name="actualSendTimestamp"/>.</summary>
    public void RecordSent(long actualSendTimestamp)
    {
        Interlocked.Increment(ref _sent);
        Timeline.RecordSent(actualSendTimestamp);
    }

    /// <summary>
    /// Records a payment's end: its outcome, and for answers (accepted or rejected) its corrected latency from
    /// <paramref name="intendedTimestamp"/> and its service time from <paramref name="actualSendTimestamp"/>. In closed
    /// loop (<paramref name="closedLoopExpectedIntervalTicks"/> above zero) the latency is corrected with HdrHistogram's
    /// expected-interval method instead (see <see cref="LatencyRecorder.RecordClosedLoop"/>).
    /// </summary>
    public void RecordOutcome(PaymentOutcome outcome, long intendedTimestamp, long actualSendTimestamp, long completedTimestamp, string? reasonCode = null, long closedLoopExpectedIntervalTicks = 0)
    {
        Outcomes.Record(outcome, reasonCode);
        var latencyMicros = TimestampUnits.TicksToMicros(completedTimestamp - intendedTimestamp, Latency.TimestampFrequency);
        switch (outcome)
        {
            case PaymentOutcome.Accepted or PaymentOutcome.Rejected:
                RecordLatency(intendedTimestamp, completedTimestamp, closedLoopExpectedIntervalTicks);
                if (closedLoopExpectedIntervalTicks <= 0)
                {
                    // (RecordClosedLoop keeps the service time itself.)
                    Latency.RecordServiceTime(actualSendTimestamp, completedTimestamp);
                }

                Timeline.RecordCompleted(completedTimestamp, outcome, latencyMicros);
                break;
            case PaymentOutcome.TimedOut:
                RecordLatency(intendedTimestamp, completedTimestamp, closedLoopExpectedIntervalTicks);
                Timeline.RecordCompleted(completedTimestamp, outcome);
                break;
            default:
                Timeline.RecordCompleted(completedTimestamp, outcome);
                break;
        }
    }

    // Open loop: from the intended send time. Closed loop (an expected interval given): HdrHistogram's correction.
    private void RecordLatency(long intendedTimestamp, long completedTimestamp, long closedLoopExpectedIntervalTicks)
    {
        if (closedLoopExpectedIntervalTicks > 0)
        {
            Latency.RecordClosedLoop(completedTimestamp - intendedTimestamp, closedLoopExpectedIntervalTicks);
        }
        else
        {
            Latency.Record(intendedTimestamp, completedTimestamp);
        }
    }

    /// <summary>The step's result; <paramref name="offeredRate"/> is null for a closed-loop step.</summary>
    public LoadStepResult ToResult(string mode, decimal? offeredRate, TimeSpan duration, ProcessStats? process = null)
    {
        var outcomes = Outcomes.Snapshot();
        var latency = Latency.LatencySnapshot();
        return new LoadStepResult
        {
            Mode = mode,
            OfferedRate = offeredRate,
            Duration = duration,
            Sent = Sent,
            Completed = outcomes.Completed,
            Accepted = outcomes.Accepted,
            Rejected = outcomes.Rejected,
            TimedOut = outcomes.TimedOut,
            RefusedAtSource = outcomes.RefusedAtSource,
            AchievedRate = duration > TimeSpan.Zero ? outcomes.Completed / duration.TotalSeconds : 0,
            Latency = latency.Summary,
            ServiceTime = Latency.ServiceTimeSnapshot().Summary,
            Hops = Hops.Snapshot(),
            RejectionsByReason = outcomes.RejectionsByReason,
            Process = process,
            Timeline = Timeline.Snapshot(),
            Distribution = latency.Distribution,
        };
    }
}
