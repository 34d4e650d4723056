using Microsoft.Extensions.Logging;
using PaymentSwitch.Adapters;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;

namespace PaymentSwitch.Services.Fx;

/// <summary>
/// One FX provider on the bus (Nexus: FX providers post rates): publishes a rate sheet for every pair its reference-data
/// entry quotes on <c>ps.v1.fx.rates.&lt;BIC&gt;</c> when it starts, then every <see cref="FxProviderServiceOptions.Interval"/>
/// after moving each mid rate by a seeded random walk, so several providers compete on live prices.
/// </summary>
/// <remarks>
/// <para><b>The walk.</b> Each pair keeps an offset in whole basis points from its reference-data mid rate; every interval
/// adds a step drawn uniformly from <c>±MaxStepBps</c> (SplitMix64, integers only) and clamps the offset to
/// <c>±MaxDriftBps</c>. The mid rate is <c>reference × (10000 + offset) / 10000</c> rounded toward zero to the ISO 20022
/// <c>XchgRate</c> form: exact decimals, no binary floating point, and the same seed gives the same rates. Spread, tiers and
/// PSP improvements stay as in the reference data.</para>
/// <para><b>Publishing.</b> Every sheet is a request, so the hub's ACK or error is seen: a refusal is logged; when no hub
/// answers (or it times out) the round stops and the next interval tries again. Rounds never overlap. Each sheet is
/// valid for <see cref="FxProviderServiceOptions.EffectiveValidFor"/> (longer than the interval), after which the hub quotes
/// nothing from this provider for that pair: a provider that stops drops out of the quotes instead of leaving stale prices.</para>
/// </remarks>
public sealed class FxProviderService : IAsyncDisposable
{
    private readonly IMessageBus _bus;
    private readonly FxProviderDefinition _provider;
    private readonly TimeProvider _time;
    private readonly FxProviderServiceOptions _options;
    private readonly ILogger _logger;
    private readonly string _subject;
    private readonly int[] _offsetBps;
    private readonly SemaphoreSlim _rounds = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _state = new();
    private SplitMix64 _random;
    private ITimer? _timer;
    private Task _lastRound = Task.CompletedTask;
    private long _roundCount;

    /// <summary>Creates the service for one FX provider of the reference data.</summary>
    /// <exception cref="ArgumentException">The options are invalid, or the provider posts no rate sheet.</exception>
    public FxProviderService(IMessageBus bus, FxProviderDefinition provider, TimeProvider time, FxProviderServiceOptions options, ILogger<FxProviderService> logger)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        if (provider.RateSheets.Count == 0)
        {
            throw new ArgumentException($"{provider.Bic} posts no rate sheet.", nameof(provider));
        }

        _bus = bus;
        _provider = provider;
        _time = time;
        _options = options;
        _logger = logger;
        _subject = ProtocolSubjects.FxRates(provider.Bic);
        _offsetBps = new int[provider.RateSheets.Count];
        _random = new SplitMix64(SeedFor(options.Seed, provider.Bic));
    }

    /// <summary>The FX provider this service publishes for.</summary>
    public Bic FxProvider => _provider.Bic;

    /// <summary>How many rounds of publication have completed (the start counts as the first).</summary>
    public long RoundCount => Interlocked.Read(ref _roundCount);

    /// <summary>The round started by the latest timer tick (tests await it instead of sleeping).</summary>
    internal Task LastRound => _lastRound;

    /// <summary>The sheets as last moved by the walk: what the latest round published (or is publishing).</summary>
    public IReadOnlyList<FxRateSheet> CurrentSheets
    {
        get
        {
            lock (_state)
            {
                var sheets = new FxRateSheet[_offsetBps.Length];
                for (var i = 0; i < sheets.Length; i++)
                {
                    sheets[i] = SheetAt(i);
                }

                return sheets;
            }
        }
    }

    /// <summary>
    /// Publishes every sheet at the reference-data mid rates and starts the interval timer.
    /// </summary>
    /// <exception cref="NoRespondersException">No hub subscribes to the rate-sheet subjects.</exception>
    /// <exception cref="InvalidOperationException">The hub refused a sheet (its reference data differs from this provider's).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var refused = await PublishRoundAsync(step: false, throwOnTransportFault: true, cancellationToken).ConfigureAwait(false);
        if (refused is { } error)
        {
            throw new InvalidOperationException($"The hub refused a rate sheet of {_provider.Bic}: {error}");
        }

        _timer = _time.CreateTimer(static state => ((FxProviderService)state!).OnTick(), this, _options.Interval, _options.Interval);
        Log.Started(_logger, _provider.Bic.Value, _bus.Description, _offsetBps.Length, _options.Interval, _options.EffectiveValidFor);
    }

    /// <summary>Moves every mid rate one step and publishes every sheet now (what each interval does).</summary>
    /// <returns>The first refusal or transport fault, or <c>null</c> when the hub accepted every sheet.</returns>
    public Task<string?> PublishNextAsync(CancellationToken cancellationToken = default) =>
        PublishRoundAsync(step: true, throwOnTransportFault: false, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _lastRound.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stopping.Dispose();
        _rounds.Dispose();
    }

    // A stable seed per provider, so two providers started with one seed walk differently (FNV-1a over the BIC11).
    private static long SeedFor(long seed, Bic bic)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in BicKey(bic))
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return seed ^ (long)hash;
    }

    private static string BicKey(Bic bic) => bic.Value.Length == 8 ? bic.Value + "XXX" : bic.Value;

    private FxRateSheet SheetAt(int index)
    {
        var reference = _provider.RateSheets[index];
        var offset = _offsetBps[index];
        return offset == 0
            ? reference
            : reference with { MidRate = FxConversion.ToExchangeRateForm(reference.MidRate * (10_000 + offset) / 10_000m) };
    }

    private void Walk()
    {
        lock (_state)
        {
            var span = (2 * _options.MaxStepBps) + 1;
            for (var i = 0; i < _offsetBps.Length; i++)
            {
                var step = _random.Next(span) - _options.MaxStepBps;
                _offsetBps[i] = Math.Clamp(_offsetBps[i] + step, -_options.MaxDriftBps, _options.MaxDriftBps);
            }
        }
    }

    private void OnTick()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _lastRound = RunTickAsync();
    }

    private async Task RunTickAsync()
    {
        try
        {
            await PublishRoundAsync(step: true, throwOnTransportFault: false, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (ObjectDisposedException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // A timer callback has no caller to throw to: log and keep publishing next interval.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RoundCrashed(_logger, _provider.Bic.Value, ex);
        }
    }

    // One round: optionally one step of the walk, then every sheet as a request. Returns the first problem (a refusal,
    // or a transport fault that ended the round), or null.
    private async Task<string?> PublishRoundAsync(bool step, bool throwOnTransportFault, CancellationToken cancellationToken)
    {
        if (!await _rounds.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            Log.RoundSkipped(_logger, _provider.Bic.Value);
            return null;
        }

        try
        {
            if (step)
            {
                Walk();
            }

            var sheets = CurrentSheets;
            var validFor = _options.EffectiveValidFor;
            var round = RoundCount + 1;
            string? firstProblem = null;
            for (var i = 0; i < sheets.Count; i++)
            {
                var dto = RateSheetDto.From(sheets[i], validFor);
                BusMessage reply;
                try
                {
                    reply = await _bus.RequestAsync(_subject, JsonWire.Serialize(dto), JsonHeaders(), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (BusException ex) when (!throwOnTransportFault)
                {
                    // No hub, or no answer in time: the rest of the round would fail the same way; try again next interval.
                    Log.RoundFailed(_logger, _provider.Bic.Value, round, i, ex.Message);
                    return ex.Message;
                }

                if (reply.Headers is { } headers && headers.TryGet(HeaderNames.Error, out var error))
                {
                    Log.Refused(_logger, _provider.Bic.Value, dto.Pair, error);
                    firstProblem ??= $"{dto.Pair}: {error}";
                }
            }

            Interlocked.Increment(ref _roundCount);
            Log.RoundPublished(_logger, _provider.Bic.Value, round, sheets.Count);
            return firstProblem;
        }
        finally
        {
            _rounds.Release();
        }
    }

    private static MessageHeaders JsonHeaders() => new()
    {
        [HeaderNames.ContentType] = ContentTypes.Json,
        [HeaderNames.ProtocolVersion] = ProtocolSubjects.Version,
    };
}
