using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PaymentSwitch.Messaging;

/// <summary>
/// The one place where operating faults are retried: one Polly pipeline per destination key (an IPS id such as
/// <c>TH-PROMPTPAY</c>), made of, from the outside in, a retry with exponential backoff and jitter, a circuit
/// breaker, and a per-attempt timeout. Business code never retries; it calls <see cref="ExecuteAsync"/> and maps
/// the <see cref="DeliveryResult"/> to a status.
/// </summary>
/// <remarks>
/// <para>
/// Transient failures, the only ones retried and counted by the breaker: <see cref="NoRespondersException"/>,
/// <see cref="BusTimeoutException"/>, any other <see cref="BusException"/> whose <see cref="BusException.IsTransient"/>
/// is true, and Polly's <see cref="TimeoutRejectedException"/> from the per-attempt timeout. Anything else fails at
/// once as <see cref="DeliveryOutcome.Failed"/>.
/// </para>
/// <para>
/// The breaker sits inside the retry, so every attempt counts towards its failure ratio, and once it opens the
/// remaining retries stop at once with <see cref="DeliveryOutcome.CircuitOpen"/>. The per-attempt timeout is
/// innermost so it bounds each attempt, not the whole delivery.
/// </para>
/// <para>
/// All timing (backoff, timeouts, sampling windows, break duration) reads the injected <see cref="TimeProvider"/>,
/// so tests and the simulator drive it with a fake clock.
/// </para>
/// </remarks>
public sealed class DeliveryPipelines
{
    private readonly MessagingResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<Destination>> _destinations = new(StringComparer.Ordinal);

    /// <summary>Creates the pipelines; they are built lazily, one per key, on first use.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public DeliveryPipelines(MessagingResilienceOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DeliveryPipelines>();
    }

    /// <summary>
    /// Runs <paramref name="action"/> through the pipeline of <paramref name="key"/>. Never throws for a delivery
    /// failure: the outcome is in the result.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: the caller gave up, which is not a delivery failure.</exception>
    public ValueTask<DeliveryResult> ExecuteAsync(string key, Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return ExecuteAsync(key, action, static (callback, token) => callback(token), cancellationToken);
    }

    /// <summary>As <see cref="ExecuteAsync(string, Func{CancellationToken, ValueTask}, CancellationToken)"/>, with a state argument so the action can be a static lambda (no closure per delivery).</summary>
    public async ValueTask<DeliveryResult> ExecuteAsync<TState>(
        string key,
        TState state,
        Func<TState, CancellationToken, ValueTask> action,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var destination = GetDestination(key);
        var context = ResilienceContextPool.Shared.Get(key, cancellationToken);
        try
        {
            var outcome = await destination.Pipeline.ExecuteOutcomeAsync(
                static async (context, call) =>
                {
                    try
                    {
                        await call.Action(call.State, context.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(true);
                    }
#pragma warning disable CA1031 // Every failure becomes an outcome: the pipeline decides what is transient.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        return Outcome.FromException<bool>(exception);
                    }
                },
                context,
                (State: state, Action: action)).ConfigureAwait(false);

            return outcome.Exception switch
            {
                null => DeliveryResult.Delivered,
                BrokenCircuitException broken => new DeliveryResult(DeliveryOutcome.CircuitOpen, broken),
                OperationCanceledException when cancellationToken.IsCancellationRequested => throw new OperationCanceledException(cancellationToken),
                var exception => new DeliveryResult(DeliveryOutcome.Failed, exception),
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// True while deliveries to <paramref name="key"/> would fail fast: the circuit is open and its break duration
    /// has not passed, or it is isolated. The hub asks before reserving liquidity and answers AB08 at once.
    /// </summary>
    /// <remarks>
    /// Polly moves an open circuit to half-open only when the next delivery arrives; this method already answers
    /// false once the break duration has passed, so that the next delivery can be the trial that closes it.
    /// </remarks>
    public bool IsOpen(string key) => GetCircuitState(key) is DeliveryCircuitState.Open or DeliveryCircuitState.Isolated;

    /// <summary>The circuit state of <paramref name="key"/> (closed for a key never used); an open circuit whose break is over reads as half-open.</summary>
    public DeliveryCircuitState GetCircuitState(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_destinations.TryGetValue(key, out var lazy) || !lazy.IsValueCreated)
        {
            return DeliveryCircuitState.Closed;
        }

        var destination = lazy.Value;
        return destination.StateProvider.CircuitState switch
        {
            CircuitState.Closed => DeliveryCircuitState.Closed,
            CircuitState.HalfOpen => DeliveryCircuitState.HalfOpen,
            CircuitState.Isolated => DeliveryCircuitState.Isolated,
            _ => _timeProvider.GetUtcNow().UtcTicks < Volatile.Read(ref destination.OpenUntilUtcTicks)
                ? DeliveryCircuitState.Open
                : DeliveryCircuitState.HalfOpen,
        };
    }

    private static bool IsTransient(Exception? exception)
        => exception is TimeoutRejectedException or BusException { IsTransient: true };

    private Destination GetDestination(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (_destinations.TryGetValue(key, out var existing))
        {
            return existing.Value;
        }

        if (_destinations.Count >= _options.MaxKeys)
        {
            throw new InvalidOperationException($"More than {_options.MaxKeys} delivery keys; keys must be destination ids (IPS ids), not per-message values.");
        }

        return _destinations.GetOrAdd(key, static (key, self) => new Lazy<Destination>(() => self.CreateDestination(key)), this).Value;
    }

    private Destination CreateDestination(string key)
    {
        var destination = new Destination();
        var builder = new ResiliencePipelineBuilder
        {
            Name = "PaymentSwitch.Delivery",
            InstanceName = key,
            TimeProvider = _timeProvider,
        };

        if (_options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static arguments => ValueTask.FromResult(IsTransient(arguments.Outcome.Exception)),
                MaxRetryAttempts = _options.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                UseJitter = _options.UseJitter,
                OnRetry = arguments =>
                {
                    Log.Retrying(_logger, key, arguments.AttemptNumber + 1, arguments.Outcome.Exception?.GetType().Name ?? "no exception", arguments.RetryDelay.Ticks / TimeSpan.TicksPerMillisecond);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = static arguments => ValueTask.FromResult(IsTransient(arguments.Outcome.Exception)),
            // Polly takes the ratio as a binary fraction; ours is an exact decimal, converted once here (a threshold, not money).
            FailureRatio = (double)_options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakerBreakDuration,
            StateProvider = destination.StateProvider,
            OnOpened = arguments =>
            {
                Volatile.Write(ref destination.OpenUntilUtcTicks, (_timeProvider.GetUtcNow() + arguments.BreakDuration).UtcTicks);
                Log.CircuitOpened(_logger, key, arguments.BreakDuration.Ticks / TimeSpan.TicksPerMillisecond, arguments.Outcome.Exception?.GetType().Name ?? "no exception");
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                Log.CircuitHalfOpened(_logger, key);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                Log.CircuitClosed(_logger, key);
                return ValueTask.CompletedTask;
            },
        });

        builder.AddTimeout(_options.AttemptTimeout);
        destination.Pipeline = builder.Build();
        return destination;
    }

    private sealed class Destination
    {
        // Written when the circuit opens; lets IsOpen see the end of the break without waiting for Polly's next call.
        public long OpenUntilUtcTicks;

        public CircuitBreakerStateProvider StateProvider { get; } = new();

        public ResiliencePipeline Pipeline { get; set; } = ResiliencePipeline.Empty;
    }
}
