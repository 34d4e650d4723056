namespace PaymentSwitch.LoadTest.Pacing;

/// <summary>
/// Sends at a fixed rate regardless of how fast answers come back (open loop), on a dedicated thread.
/// </summary>
/// <remarks>
/// <para>
/// For each send the pacer waits until its intended time on the <see cref="PacingSchedule"/>, then calls the send
/// callback with the sequence number and that intended timestamp. If it falls behind (a GC pause, a descheduled
/// thread, a slow callback) it sends the whole backlog at once, each send with its own original intended time: it
/// never skips a send and never moves the schedule, so latency measured from the intended time (see
/// <see cref="Recording.LatencyRecorder.Record"/>) counts the stall against the system, as wrk2 does.
/// </para>
/// <para>
/// The callback runs on the pacer thread and must be quick (hand the payment to the transport and return);
/// everything it delays shows as <see cref="MaxLagTicks"/>. An exception from it ends the run and faults
/// <see cref="Completion"/>.
/// </para>
/// </remarks>
public sealed class OpenLoopPacer : IDisposable
{
    private readonly Action<long, long> _send;
    private readonly IPacerClock _clock;
    private readonly TimeSpan? _duration;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _sent;
    private long _maxLagTicks;
    private long _startTimestamp;
    private long _plannedCount = -1;
    private CancellationTokenRegistration _registration;

    /// <summary>Creates a pacer; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="ratePerSecond">Payments per second (see <see cref="PacingSchedule"/> for the allowed values).</param>
    /// <param name="duration">How long to send for; null to send until cancelled.</param>
    /// <param name="send">Called once per send with (sequence, intended timestamp), in sequence order, on the pacer thread.</param>
    /// <param name="clock">The clock and waiting strategy; <see cref="StopwatchPacerClock"/> when null.</param>
    public OpenLoopPacer(decimal ratePerSecond, TimeSpan? duration, Action<long, long> send, IPacerClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (duration is { } d && d < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration must not be negative.");
        }

        _clock = clock ?? new StopwatchPacerClock();
        // Validates the rate now rather than on the pacer thread.
        _ = new PacingSchedule(ratePerSecond, 0, _clock.TimestampFrequency);
        RatePerSecond = ratePerSecond;
        _duration = duration;
        _send = send;
    }

    /// <summary>Payments per second.</summary>
    public decimal RatePerSecond { get; }

    /// <summary>Timestamp ticks per second of the pacer's clock (the unit of the intended timestamps and of <see cref="MaxLagTicks"/>).</summary>
    public long TimestampFrequency => _clock.TimestampFrequency;

    /// <summary>Completes when the run ends: the duration's sends are all made, or it was cancelled, or the callback threw (faulted).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Sends made so far.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>The sends the duration holds (rate × duration), or -1 before the start or when running until cancelled.</summary>
    public long PlannedCount => Volatile.Read(ref _plannedCount);

    /// <summary>The intended timestamp of send 0, known once started.</summary>
    public long StartTimestamp => Volatile.Read(ref _startTimestamp);

    /// <summary>The largest delay seen between a send's intended timestamp and the moment it was made, in timestamp ticks.</summary>
    public long MaxLagTicks => Volatile.Read(ref _maxLagTicks);

    /// <summary>The largest lag behind schedule, as a duration.</summary>
    public TimeSpan MaxLag => TimeSpan.FromTicks((long)((Int128)MaxLagTicks * TimeSpan.TicksPerSecond / _clock.TimestampFrequency));

    /// <summary>Starts the pacer thread; the schedule starts now. Cancelling <paramref name="cancellationToken"/> stops it after the send in progress.</summary>
    public void Start(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _thread, new Thread(Run) { IsBackground = true, Name = "open-loop-pacer" }, null) is not null)
        {
            throw new InvalidOperationException("The pacer has already been started.");
        }

        _registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _stop);
        _thread.Start();
    }

    /// <summary>Stops the pacer after the send in progress.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Blocks until the pacer thread has ended.</summary>
    public void Join() => (_thread ?? throw new InvalidOperationException("The pacer has not been started.")).Join();

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        if (_thread is { } thread && thread != Thread.CurrentThread && thread.IsAlive)
        {
            thread.Join();
        }

        _registration.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        try
        {
            var token = _stop.Token;
            var start = _clock.GetTimestamp();
            var schedule = new PacingSchedule(RatePerSecond, start, _clock.TimestampFrequency);
            var planned = _duration is { } duration
                ? schedule.CountWithin(PacingSchedule.ToTimestampTicks(duration, _clock.TimestampFrequency))
                : long.MaxValue;
            Volatile.Write(ref _startTimestamp, start);
            Volatile.Write(ref _plannedCount, _duration is null ? -1 : planned);

            var next = 0L;
            var maxLag = 0L;
            while (next < planned && !token.IsCancellationRequested)
            {
                var now = _clock.GetTimestamp();
                var due = Math.Min(schedule.DueCount(now), planned);
                if (due <= next)
                {
                    _clock.WaitUntil(schedule.IntendedTimestamp(next), token);
                    continue;
                }

                // Everything due goes now, backlog included, each with its original intended time.
                while (next < due && !token.IsCancellationRequested)
                {
                    var intended = schedule.IntendedTimestamp(next);
                    var lag = now - intended;
                    if (lag > maxLag)
                    {
                        maxLag = lag;
                        Volatile.Write(ref _maxLagTicks, lag);
                    }

                    _send(next, intended);
                    next++;
                    Volatile.Write(ref _sent, next);
                }
            }

            _completion.TrySetResult();
        }
#pragma warning disable CA1031 // The pacer thread reports every failure through Completion rather than crashing the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _completion.TrySetException(ex);
        }
    }
}
