using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PaymentSwitch.Adapters.Workload;
using PaymentSwitch.Domain;
using PaymentSwitch.LoadTest.Pacing;
using PaymentSwitch.LoadTest.Recording;
using PaymentSwitch.LoadTest.Reports;
using PaymentSwitch.Services;
using PaymentSwitch.Services.Adapters;
using PaymentSwitch.Services.Telemetry;
using Outcome = PaymentSwitch.LoadTest.Recording.PaymentOutcome;
using PaymentOutcome = PaymentSwitch.Services.Adapters.PaymentOutcome;

namespace PaymentSwitch.LoadRunner;

/// <summary>
/// The payments of one measured step and what became of them: latency from each payment's intended send time (open
/// loop) or corrected for the expected interval (closed loop), service time, per-hop latency from the switch's own
/// histograms, outcomes by reason, throughput per second, and this process's CPU and memory.
/// </summary>
internal sealed class LoadStep : IDisposable
{
    private static readonly string[] CurrencyKinds = ["cross-currency", "same-currency"];
    private static readonly string[] Counted = ["sent", "accepted", "rejected", "refused at source"];

    private readonly SwitchRuntime _switch;
    private readonly LoadWorkload _workload;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, long> _refusals = new(StringComparer.Ordinal);

    // Payments by currency kind (cross-currency, same-currency) and what became of them: sent, accepted, rejected,
    // refused at source; timed out is the rest, as in the step's totals. Interlocked counters: recording allocates nothing.
    private readonly long[] _byCurrencyKind = new long[CurrencyKinds.Length * Counted.Length];
    private readonly ProcessSampler _process;
    private readonly MeterListener _listener = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<TimeSpan?> _serverCpu;
    private StepRecorder _recorder;
    private TimeSpan? _serverCpuAtStart;
    private long _completed;
    private long _answeredWhileSending;
    private long _expectedIntervalTicks;
    private volatile bool _sending = true;

    public LoadStep(SwitchRuntime runtime, LoadWorkload workload, TimeProvider time, bool recordHops, Func<TimeSpan?>? serverCpu = null)
    {
        _serverCpu = serverCpu ?? (static () => null);
        _switch = runtime;
        _workload = workload;
        _time = time;
        _recorder = new StepRecorder(time.GetTimestamp(), time.TimestampFrequency);
        _process = new ProcessSampler(time);
        if (recordHops)
        {
            ListenToHops();
        }
    }

    public long Sent => _recorder.Sent;

    public long Completed => Interlocked.Read(ref _completed);

    public long InFlight => Sent - Completed;

    /// <summary>Offers <paramref name="rate"/> payments per second for <paramref name="duration"/> from a dedicated pacer thread, then waits up to <paramref name="drain"/> for the answers.</summary>
    public async Task<StepTiming> RunOpenLoopAsync(decimal rate, TimeSpan duration, TimeSpan drain, long firstSequence, Action<LoadStep>? progress, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        _recorder = new StepRecorder(started, _time.TimestampFrequency);
        _process.Start();
        _serverCpuAtStart = _serverCpu();
        using var pacer = new OpenLoopPacer(rate, duration, (sequence, intended) => Dispatch(firstSequence + sequence, intended), new StopwatchPacerClock(_time));
        pacer.Start(cancellationToken);
        await WatchAsync(pacer.Completion, progress, cancellationToken).ConfigureAwait(false);
        var sendingEnded = _time.GetTimestamp();
        _sending = false;
        await DrainAsync(drain, progress, cancellationToken).ConfigureAwait(false);
        return new StepTiming(started, sendingEnded, _time.GetTimestamp(), pacer.MaxLag);
    }

    /// <summary>Keeps <paramref name="concurrency"/> payments in flight for <paramref name="duration"/>: each sender sends its next payment when its last one ended.</summary>
    public async Task<StepTiming> RunClosedLoopAsync(int concurrency, TimeSpan duration, TimeSpan drain, long firstSequence, TimeSpan expectedInterval, Action<LoadStep>? progress, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        _recorder = new StepRecorder(started, _time.TimestampFrequency);
        _expectedIntervalTicks = TimestampUnits.MicrosToTicks(Math.Max(1, expectedInterval.Ticks / TimeSpan.TicksPerMicrosecond), _time.TimestampFrequency);
        _process.Start();
        _serverCpuAtStart = _serverCpu();
        var next = firstSequence - 1;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var senders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var sequence = Interlocked.Increment(ref next);
                    var sentAt = _time.GetTimestamp();
                    await SendAsync(sequence, sentAt, sentAt, closedLoop: true, cancellationToken).ConfigureAwait(false);
                }
            },
            CancellationToken.None)).ToArray();
        await WatchAsync(Task.WhenAll(senders), progress, cancellationToken).ConfigureAwait(false);
        var sendingEnded = _time.GetTimestamp();
        _sending = false;
        await DrainAsync(drain, progress, cancellationToken).ConfigureAwait(false);
        return new StepTiming(started, sendingEnded, _time.GetTimestamp(), TimeSpan.Zero);
    }

    /// <summary>The step's result; payments still unanswered count as timed out.</summary>
    public LoadStepResult Result(string mode, decimal? offeredRate, StepTiming timing)
    {
        var process = _process.Stop();
        var serverCpu = _serverCpu() - _serverCpuAtStart;
        var stepSeconds = _time.GetElapsedTime(timing.Started, timing.Finished).TotalSeconds;
        var recorded = _recorder.ToResult(mode, offeredRate, _time.GetElapsedTime(timing.Started, timing.SendingEnded), process);
        var unanswered = Math.Max(0, recorded.Sent - recorded.Accepted - recorded.Rejected - recorded.TimedOut - recorded.RefusedAtSource);
        return recorded with
        {
            TimedOut = recorded.TimedOut + unanswered,

            // The sustained rate: answers that arrived while the step was sending, per second of sending. A backlog
            // answered during the drain does not count, so an overloaded step cannot look faster than it kept up.
            AchievedRate = Interlocked.Read(ref _answeredWhileSending) / Math.Max(1e-9, recorded.Duration.TotalSeconds),
            RejectionsByReason = ByReason(recorded.RejectionsByReason),
            OutcomesByCurrencyKind = ByCurrencyKind(),
            NatsServerCpuPercent = serverCpu is { } cpu && stepSeconds > 0 ? 100 * cpu.TotalSeconds / stepSeconds / Environment.ProcessorCount : null,
        };
    }

    public void Dispose() => _listener.Dispose();

    // Rejections after the payment left its IPS by their code; refusals before it left as "CODE at source".
    private SortedDictionary<string, long> ByReason(IReadOnlyDictionary<string, long> rejections)
    {
        var all = new SortedDictionary<string, long>(rejections.ToDictionary(), StringComparer.Ordinal);
        foreach (var (reason, count) in _refusals)
        {
            all[reason + " at source"] = count;
        }

        return all;
    }

    // "cross-currency accepted", "same-currency timed out", ...: only the kinds that were sent, only counts above zero.
    private SortedDictionary<string, long> ByCurrencyKind()
    {
        var all = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var kind = 0; kind < CurrencyKinds.Length; kind++)
        {
            var sent = Interlocked.Read(ref _byCurrencyKind[kind * Counted.Length]);
            var timedOut = sent;
            for (var outcome = 1; outcome < Counted.Length; outcome++)
            {
                var count = Interlocked.Read(ref _byCurrencyKind[(kind * Counted.Length) + outcome]);
                timedOut -= count;
                if (count > 0)
                {
                    all[CurrencyKinds[kind] + " " + Counted[outcome]] = count;
                }
            }

            if (timedOut > 0)
            {
                all[CurrencyKinds[kind] + " timed out"] = timedOut;
            }
        }

        return all;
    }

    private void CountCurrencyKind(long sequence, int counted) =>
        Interlocked.Increment(ref _byCurrencyKind[((_workload.IsCrossCurrency(sequence) ? 0 : 1) * Counted.Length) + counted]);

    private void Dispatch(long sequence, long intended)
    {
        // The pacer thread only hands the payment over: the adapter's work runs on the thread pool, so a slow send never
        // delays the next one's intended time (and if the pool falls behind, the latency from the intended time shows it).
        _recorder.RecordSent(intended);
        CountCurrencyKind(sequence, 0);
        ThreadPool.UnsafeQueueUserWorkItem(
            static state => _ = state.Step.SendAsync(state.Sequence, state.Intended, 0, closedLoop: false, CancellationToken.None),
            (Step: this, Sequence: sequence, Intended: intended),
            preferLocal: false);
    }

    private async Task SendAsync(long sequence, long intended, long sentAt, bool closedLoop, CancellationToken cancellationToken)
    {
        if (closedLoop)
        {
            _recorder.RecordSent(sentAt);
            CountCurrencyKind(sequence, 0);
        }
        else
        {
            sentAt = _time.GetTimestamp();
        }

        var item = _workload[sequence];
        PaymentOutcome? outcome = null;
        try
        {
            outcome = await _switch.SendAsync(item.SourceIps, item.Instruction, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        Complete(outcome, sequence, intended, sentAt, closedLoop);
    }

    private void Complete(PaymentOutcome? outcome, long sequence, long intended, long sentAt, bool closedLoop)
    {
        var completedAt = _time.GetTimestamp();
        var kind = outcome?.Stage switch
        {
            OutcomeStage.Accepted => Outcome.Accepted,
            OutcomeStage.Rejected => Outcome.Rejected,
            OutcomeStage.Source => Outcome.RefusedAtSource,
            _ => Outcome.TimedOut,
        };
        var reason = outcome is { Reason: not StatusReasonCode.None } known ? StatusReasons.ToCode(known.Reason) : null;
        if (kind == Outcome.RefusedAtSource)
        {
            // A refusal before the payment left its IPS (source checks, quote, proxy lookup) still has a reason code.
            _refusals.AddOrUpdate(reason ?? "(none)", 1, static (_, count) => count + 1);
        }

        _recorder.RecordOutcome(kind, intended, sentAt, completedAt, reason, closedLoop ? _expectedIntervalTicks : 0);
        if (kind is Outcome.Accepted or Outcome.Rejected or Outcome.RefusedAtSource)
        {
            CountCurrencyKind(sequence, kind switch { Outcome.Accepted => 1, Outcome.Rejected => 2, _ => 3 });
        }
        if (_sending && kind is Outcome.Accepted or Outcome.Rejected)
        {
            Interlocked.Increment(ref _answeredWhileSending);
        }

        if (Interlocked.Increment(ref _completed) == _recorder.Sent && !_sending)
        {
            _drained.TrySetResult();
        }
    }

    private async Task WatchAsync(Task sending, Action<LoadStep>? progress, CancellationToken cancellationToken)
    {
        while (!sending.IsCompleted)
        {
            progress?.Invoke(this);
            await Task.WhenAny(sending, Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken)).ConfigureAwait(false);
        }

        await sending.ConfigureAwait(false);
    }

    private async Task DrainAsync(TimeSpan drain, Action<LoadStep>? progress, CancellationToken cancellationToken)
    {
        if (InFlight == 0)
        {
            return;
        }

        var deadline = _time.GetTimestamp();
        while (InFlight > 0 && _time.GetElapsedTime(deadline) < drain)
        {
            progress?.Invoke(this);
            await Task.WhenAny(_drained.Task, Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken)).ConfigureAwait(false);
        }
    }

    private void ListenToHops()
    {
        _listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == SwitchTelemetry.Name
                && instrument.Name is "paymentswitch.hub.processing.duration" or "paymentswitch.ips.answer.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (!_sending)
            {
                return;
            }

            var hop = instrument.Name == "paymentswitch.ips.answer.duration" ? "destination IPS answer" : "hub " + TagValue(tags, "message");
            _recorder.Hops.RecordHop(hop, value);
        });
        _listener.Start();
    }

    private static string TagValue(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString() ?? "?";
            }
        }

        return "?";
    }
}

/// <summary>When a step started, stopped sending and finished draining (timestamps), and how far its pacer fell behind.</summary>
internal readonly record struct StepTiming(long Started, long SendingEnded, long Finished, TimeSpan MaxPacerLag);
