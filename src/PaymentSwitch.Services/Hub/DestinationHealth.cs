using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using PaymentSwitch.Hub;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Telemetry;

namespace PaymentSwitch.Services.Hub;

/// <summary>
/// Whether each destination IPS is answering, as the hub service sees it: one Polly circuit breaker per destination,
/// fed with the outcome of every leg the hub sends it. The hub core asks <see cref="IsOffline"/> before reserving
/// anything and refuses a payment to an offline destination with AB08, so a dead destination costs its senders
/// neither liquidity nor a timeout.
/// </summary>
/// <remarks>
/// <para>
/// A leg is a success when the destination answered: any pacs.002 from it for a payment forwarded to it, or an
/// answer from its proxy directory. It is a failure when the destination did not: a HIGH payment the hub timed out
/// (AB05/AB06), or a proxy lookup that found no responder or timed out after the edge's retries.
/// </para>
/// <para>
/// Each outcome is recorded by running the destination's breaker pipeline once with an action that returns it, so one
/// leg counts once: the pipeline holds only the breaker, never a retry. Outcomes that arrive while the circuit is open
/// are not counted (Polly does not run the action); the trial after the break decides.
/// </para>
/// <para>
/// Polly moves an open circuit to half-open only when the next outcome arrives, which for a payment is when its
/// answer or its deadline comes. <see cref="IsOffline"/> therefore reads the end of the break from the clock: once it
/// has passed the destination is no longer offline, the next payment is forwarded, and its outcome is the trial that
/// closes the circuit or opens it again.
/// </para>
/// </remarks>
public sealed class DestinationHealth : IDestinationAvailability
{
    // IPS ids come from the topology; the bound only catches a key leak (a per-payment value used as a key).
    private const int MaxDestinations = 1024;

    private readonly HubResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IpsId, Lazy<Breaker>> _breakers = new();

    /// <summary>Creates the breakers; each destination's is built on its first outcome.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public DestinationHealth(HubResilienceOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>True while <paramref name="destination"/>'s circuit is open and its break has not passed (or it is isolated).</summary>
    public bool IsOffline(IpsId destination) => GetCircuitState(destination) is DeliveryCircuitState.Open or DeliveryCircuitState.Isolated;

    /// <summary>The circuit state of <paramref name="destination"/> (closed when it has no outcome yet); an open circuit whose break is over reads as half-open.</summary>
    public DeliveryCircuitState GetCircuitState(IpsId destination)
    {
        if (!_breakers.TryGetValue(destination, out var lazy) || !lazy.IsValueCreated)
        {
            return DeliveryCircuitState.Closed;
        }

        var breaker = lazy.Value;
        return breaker.StateProvider.CircuitState switch
        {
            CircuitState.Closed => DeliveryCircuitState.Closed,
            CircuitState.HalfOpen => DeliveryCircuitState.HalfOpen,
            CircuitState.Isolated => DeliveryCircuitState.Isolated,
            _ => _time.GetUtcNow().UtcTicks < Volatile.Read(ref breaker.OpenUntilUtcTicks)
                ? DeliveryCircuitState.Open
                : DeliveryCircuitState.HalfOpen,
        };
    }

    /// <summary>Records a leg <paramref name="destination"/> answered.</summary>
    /// <returns>False when the circuit was open and the outcome was not counted.</returns>
    public ValueTask<bool> RecordSuccessAsync(IpsId destination, CancellationToken cancellationToken = default) =>
        RecordAsync(destination, answered: true, cancellationToken);

    /// <summary>Records a leg <paramref name="destination"/> did not answer (a timed-out HIGH payment, an unanswered proxy lookup).</summary>
    /// <returns>False when the circuit was open and the outcome was not counted.</returns>
    public ValueTask<bool> RecordFailureAsync(IpsId destination, CancellationToken cancellationToken = default) =>
        RecordAsync(destination, answered: false, cancellationToken);

    private async ValueTask<bool> RecordAsync(IpsId destination, bool answered, CancellationToken cancellationToken)
    {
        var breaker = GetBreaker(destination);
        var context = ResilienceContextPool.Shared.Get(destination.Value, cancellationToken);
        try
        {
            // The action only returns the outcome; the breaker's ShouldHandle counts false as a failure. No exception
            // is thrown for a failure, and an open circuit comes back as an outcome, not an exception.
            var outcome = await breaker.Pipeline.ExecuteOutcomeAsync(
                static (_, answered) => ValueTask.FromResult(Outcome.FromResult(answered)),
                context,
                answered).ConfigureAwait(false);
            return outcome.Exception is not BrokenCircuitException;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Breaker GetBreaker(IpsId destination)
    {
        if (_breakers.TryGetValue(destination, out var existing))
        {
            return existing.Value;
        }

        if (_breakers.Count >= MaxDestinations)
        {
            throw new InvalidOperationException($"More than {MaxDestinations} destinations; breakers are kept per IPS id, not per payment.");
        }

        return _breakers.GetOrAdd(destination, static (ips, self) => new Lazy<Breaker>(() => self.CreateBreaker(ips)), this).Value;
    }

    private Breaker CreateBreaker(IpsId destination)
    {
        var breaker = new Breaker();
        var builder = new ResiliencePipelineBuilder<bool>
        {
            Name = "PaymentSwitch.DestinationHealth",
            InstanceName = destination.Value,
            TimeProvider = _time,
        };

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
        {
            ShouldHandle = static arguments => ValueTask.FromResult(arguments.Outcome.Exception is not null || !arguments.Outcome.Result),
            // Polly takes the ratio as a binary fraction; ours is an exact decimal, converted once here (a threshold, not money).
            FailureRatio = (double)_options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakerBreakDuration,
            StateProvider = breaker.StateProvider,
            OnOpened = arguments =>
            {
                Volatile.Write(ref breaker.OpenUntilUtcTicks, (_time.GetUtcNow() + arguments.BreakDuration).UtcTicks);
                Log.DestinationOpened(_logger, destination.Value, arguments.BreakDuration.Ticks / TimeSpan.TicksPerMillisecond);
                SwitchTelemetry.CountCircuitTransition(destination, "opened");
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                Log.DestinationHalfOpened(_logger, destination.Value);
                SwitchTelemetry.CountCircuitTransition(destination, "half_opened");
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                Log.DestinationClosed(_logger, destination.Value);
                SwitchTelemetry.CountCircuitTransition(destination, "closed");
                return ValueTask.CompletedTask;
            },
        });

        breaker.Pipeline = builder.Build();
        return breaker;
    }

    private sealed class Breaker
    {
        // Written when the circuit opens; lets IsOffline see the end of the break without waiting for Polly's next call.
        public long OpenUntilUtcTicks;

        public CircuitBreakerStateProvider StateProvider { get; } = new();

        public ResiliencePipeline<bool> Pipeline { get; set; } = ResiliencePipeline<bool>.Empty;
    }
}
