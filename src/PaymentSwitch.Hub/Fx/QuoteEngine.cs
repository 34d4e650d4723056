using System.Globalization;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub.Fx;

/// <summary>
/// Issues Nexus-style FX quotes: one per FX provider that posts a rate sheet for the currency pair, each stored in the
/// <see cref="QuoteBook"/> and honoured for the sheet's validity (10 minutes by default).
/// </summary>
/// <remarks>
/// <para><b>Rate.</b> <c>MidRate × (10000 − max(0, SpreadBps − tier improvement − PSP improvement)) / 10000</c>, rounded
/// toward zero to the <c>XchgRate</c> form. The tier is chosen by the source amount; for a destination-fixed request the
/// source amount is first estimated at the rate without tier improvement (the larger estimate), the tier is chosen from
/// that estimate, and the source amount is then recomputed at the resulting rate.</para>
/// <para><b>Amounts.</b> See <see cref="FxConversion"/>: source-fixed rounds the destination amount half to even;
/// destination-fixed takes the smallest source amount that converts to at least the fixed amount.</para>
/// <para><b>Caps.</b> A quote is refused with <c>AM02</c> if its source amount exceeds the source IPS cap or the corridor
/// cap, or its destination amount exceeds the destination IPS cap, so the binding cap is the lowest of the three
/// (the destination cap compared at the quote's own rate).</para>
/// <para><b>Best.</b> The quote with the highest destination amount per source amount (compared exactly by
/// cross-multiplication); ties go to the higher rate, then to the FX provider BIC that sorts first (ordinal).</para>
/// <para><b>Live rate sheets.</b> With a <see cref="LiveRateSheets"/> store, each FX provider that quotes the pair in the
/// reference data is priced from its current published sheet once it is live, and from its reference-data sheet only
/// while it has never published; a live provider whose sheet for the pair expired (or that never published the pair)
/// gives no quote but an <c>AG01</c> rejection, never a stale price.</para>
/// <para><b>Request rejections.</b> Unknown IPS or requesting PSP not an active PSP of the source IPS: <c>AGNT</c>;
/// same IPS, corridor missing or disabled, no FX provider for the pair: <c>AG01</c>; amount currency not the fixed
/// side's IPS currency: <c>CURR</c>; zero amount: <c>AM01</c>; negative amount: <c>AM09</c>; over a cap or too large to
/// convert: <c>AM02</c>; quote book full: <c>NARR</c>.</para>
/// </remarks>
public sealed class QuoteEngine
{
    private readonly Topology _topology;
    private readonly TimeProvider _timeProvider;
    private readonly QuoteBook _quoteBook;
    private readonly IQuoteIdGenerator _ids;
    private readonly LiveRateSheets? _liveSheets;

    /// <summary>Creates an engine.</summary>
    /// <param name="topology">The reference data.</param>
    /// <param name="timeProvider">The hub clock (issue and expiry times).</param>
    /// <param name="quoteBook">Where issued quotes are kept for <see cref="QuoteBook.Check(string, Bic, decimal, Money, Money?, DateTimeOffset)"/>.</param>
    /// <param name="idGenerator">Makes quote ids; default <see cref="SequentialQuoteIdGenerator"/> with prefix <c>Q</c>.</param>
    /// <param name="liveSheets">Sheets FX providers publish while they run, consulted before the reference data's; <c>null</c> quotes from the reference data only.</param>
    public QuoteEngine(Topology topology, TimeProvider timeProvider, QuoteBook quoteBook, IQuoteIdGenerator? idGenerator = null, LiveRateSheets? liveSheets = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(quoteBook);
        _topology = topology;
        _timeProvider = timeProvider;
        _quoteBook = quoteBook;
        _ids = idGenerator ?? new SequentialQuoteIdGenerator();
        _liveSheets = liveSheets;
    }

    /// <summary>The live rate sheets the engine consults, if any.</summary>
    public LiveRateSheets? LiveSheets => _liveSheets;

    /// <summary>The book the engine stores quotes in.</summary>
    public QuoteBook QuoteBook => _quoteBook;

    /// <summary>Quotes by country and currency, as the Nexus quote API asks (the IPS is found with <see cref="Topology.TryGetIps(CountryCode, Currency, out IpsDefinition)"/>).</summary>
    public QuoteResponse GetQuotes(
        CountryCode sourceCountry,
        Currency sourceCurrency,
        CountryCode destinationCountry,
        Currency destinationCurrency,
        Bic requestingPsp,
        Money amount,
        FixedSide amountIsFixedIn)
    {
        if (!_topology.TryGetIps(sourceCountry, sourceCurrency, out var source))
        {
            return QuoteResponse.Reject(new Rejection(StatusReasonCode.AGNT, "SourceCountry", $"no IPS serves {sourceCountry} in {sourceCurrency.Code}"));
        }

        if (!_topology.TryGetIps(destinationCountry, destinationCurrency, out var destination))
        {
            return QuoteResponse.Reject(new Rejection(StatusReasonCode.AGNT, "DestinationCountry", $"no IPS serves {destinationCountry} in {destinationCurrency.Code}"));
        }

        return GetQuotes(new QuoteRequest(source.Id, destination.Id, requestingPsp, amount, amountIsFixedIn));
    }

    /// <summary>Returns one quote per FX provider that quotes the pair, the best of them, and every rejection.</summary>
    public QuoteResponse GetQuotes(QuoteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ValidateRequest(request, out var source, out var destination, out var corridor) is { } rejection)
        {
            return QuoteResponse.Reject(rejection);
        }

        var sheets = _topology.RateSheetsFor(source.Currency, destination.Currency);
        if (sheets.Count == 0)
        {
            return QuoteResponse.Reject(new Rejection(
                StatusReasonCode.AG01,
                nameof(QuoteRequest.DestinationIps),
                $"no FX provider quotes {source.Currency.Code} to {destination.Currency.Code}"));
        }

        var now = _timeProvider.GetUtcNow();
        var quotes = new List<Quote>(sheets.Count);
        var rejections = new List<Rejection>();
        foreach (var reference in sheets)
        {
            if (!_topology.TryGetParticipant(reference.FxProvider, out var provider) || !provider.IsActive)
            {
                rejections.Add(new Rejection(StatusReasonCode.AG01, "FxProvider", $"FX provider {reference.FxProvider} is not active"));
                continue;
            }

            if (CurrentSheet(reference, now, rejections) is not { } sheet)
            {
                continue;
            }

            if (Price(request, sheet, source, destination, corridor, now) is not { } priced)
            {
                continue;
            }

            if (priced.Rejection is { } refused)
            {
                rejections.Add(refused);
                continue;
            }

            if (!_quoteBook.TryAdd(priced.Quote!, now))
            {
                rejections.Add(new Rejection(StatusReasonCode.NARR, "QuoteId", "the quote book is full of quotes still being honoured; try again later"));
                continue;
            }

            quotes.Add(priced.Quote!);
        }

        return new QuoteResponse(quotes, ChooseBest(quotes), rejections);
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> beats <paramref name="incumbent"/>: more destination per source
    /// (exact cross-multiplication), then higher rate, then the FX provider BIC that sorts first.
    /// </summary>
    internal static bool IsBetter(Quote candidate, Quote incumbent)
    {
        var left = (Int128)candidate.DestinationAmount.AmountMinor * incumbent.SourceAmount.AmountMinor;
        var right = (Int128)incumbent.DestinationAmount.AmountMinor * candidate.SourceAmount.AmountMinor;
        if (left != right)
        {
            return left > right;
        }

        if (candidate.Rate != incumbent.Rate)
        {
            return candidate.Rate > incumbent.Rate;
        }

        return string.CompareOrdinal(candidate.FxProvider.Value, incumbent.FxProvider.Value) < 0;
    }

    private static Quote? ChooseBest(List<Quote> quotes)
    {
        Quote? best = null;
        foreach (var quote in quotes)
        {
            if (best is null || IsBetter(quote, best))
            {
                best = quote;
            }
        }

        return best;
    }

    // The sheet to price from: the provider's current live sheet once it has gone live, its reference-data sheet while
    // it has not; null (with the reason added) when a live provider has no current price for the pair.
    private FxRateSheet? CurrentSheet(FxRateSheet reference, DateTimeOffset now, List<Rejection> rejections)
    {
        if (_liveSheets is null)
        {
            return reference;
        }

        var status = _liveSheets.Find(reference.FxProvider, reference.SourceCurrency, reference.DestinationCurrency, now, out var live, out var validUntil);
        switch (status)
        {
            case LiveSheetStatus.NotLive:
                return reference;
            case LiveSheetStatus.Current:
                return live;
            case LiveSheetStatus.Expired:
                rejections.Add(new Rejection(
                    StatusReasonCode.AG01,
                    "FxProvider",
                    string.Create(CultureInfo.InvariantCulture, $"FX provider {reference.FxProvider} has no current rate for {reference.SourceCurrency.Code} to {reference.DestinationCurrency.Code}: its last sheet expired at {validUntil:O}")));
                return null;
            default:
                rejections.Add(new Rejection(
                    StatusReasonCode.AG01,
                    "FxProvider",
                    $"FX provider {reference.FxProvider} publishes live rates but none for {reference.SourceCurrency.Code} to {reference.DestinationCurrency.Code}"));
                return null;
        }
    }

    private Rejection? ValidateRequest(QuoteRequest request, out IpsDefinition source, out IpsDefinition destination, out CorridorDefinition corridor)
    {
        destination = null!;
        corridor = null!;
        if (!_topology.TryGetIps(request.SourceIps, out source))
        {
            return new Rejection(StatusReasonCode.AGNT, nameof(QuoteRequest.SourceIps), $"unknown IPS '{request.SourceIps}'");
        }

        if (!_topology.TryGetIps(request.DestinationIps, out destination))
        {
            return new Rejection(StatusReasonCode.AGNT, nameof(QuoteRequest.DestinationIps), $"unknown IPS '{request.DestinationIps}'");
        }

        if (source.Id == destination.Id)
        {
            return new Rejection(StatusReasonCode.AG01, nameof(QuoteRequest.DestinationIps), $"source and destination are both {source.Id}; a domestic payment needs no FX quote");
        }

        if (!_topology.TryGetParticipant(request.RequestingPsp, out var psp) || !psp.HasRole(ParticipantRoles.Psp))
        {
            return new Rejection(StatusReasonCode.AGNT, nameof(QuoteRequest.RequestingPsp), $"{request.RequestingPsp} is not a PSP known to the hub");
        }

        if (psp.Ips != source.Id)
        {
            return new Rejection(StatusReasonCode.AGNT, nameof(QuoteRequest.RequestingPsp), $"{request.RequestingPsp} is a member of {psp.Ips}, not of the source IPS {source.Id}");
        }

        if (!psp.IsActive)
        {
            return new Rejection(StatusReasonCode.AGNT, nameof(QuoteRequest.RequestingPsp), $"{request.RequestingPsp} is suspended");
        }

        if (!_topology.TryGetCorridor(source.Id, destination.Id, out corridor))
        {
            return new Rejection(StatusReasonCode.AG01, nameof(QuoteRequest.DestinationIps), $"there is no corridor from {source.Id} to {destination.Id}");
        }

        if (!corridor.Enabled)
        {
            return new Rejection(StatusReasonCode.AG01, nameof(QuoteRequest.DestinationIps), $"the corridor from {source.Id} to {destination.Id} is disabled");
        }

        var expected = request.AmountIsFixedIn == FixedSide.Source ? source.Currency : destination.Currency;
        if (request.Amount.Currency != expected)
        {
            return new Rejection(
                StatusReasonCode.CURR,
                nameof(QuoteRequest.Amount),
                $"an amount fixed in the {request.AmountIsFixedIn.ToString().ToLowerInvariant()} must be in {expected.Code}; got {request.Amount.Currency.Code}");
        }

        if (request.Amount.IsZero)
        {
            return new Rejection(StatusReasonCode.AM01, nameof(QuoteRequest.Amount), "the amount is zero");
        }

        if (request.Amount.IsNegative)
        {
            return new Rejection(StatusReasonCode.AM09, nameof(QuoteRequest.Amount), "the amount is negative");
        }

        return null;
    }

    private Priced? Price(QuoteRequest request, FxRateSheet sheet, IpsDefinition source, IpsDefinition destination, CorridorDefinition corridor, DateTimeOffset now)
    {
        var psp = request.RequestingPsp;
        decimal rate;
        Money sourceAmount;
        Money destinationAmount;
        if (request.AmountIsFixedIn == FixedSide.Source)
        {
            sourceAmount = request.Amount;
            rate = sheet.EffectiveRate(sourceAmount.AmountMinor, psp);
            if (!FxConversion.TryConvert(sourceAmount, rate, destination.Currency, out destinationAmount))
            {
                return TooLarge(sheet, request.Amount);
            }
        }
        else
        {
            destinationAmount = request.Amount;
            var estimateRate = sheet.EffectiveRate(0, psp);
            if (!FxConversion.TrySourceFor(destinationAmount, estimateRate, source.Currency, out var estimate))
            {
                return TooLarge(sheet, request.Amount);
            }

            rate = sheet.EffectiveRate(estimate.AmountMinor, psp);
            if (!FxConversion.TrySourceFor(destinationAmount, rate, source.Currency, out sourceAmount))
            {
                return TooLarge(sheet, request.Amount);
            }
        }

        if (sourceAmount.AmountMinor > source.PerTransactionCap.AmountMinor)
        {
            return OverCap(sheet, sourceAmount, source.PerTransactionCap, $"the {source.Id} per-transaction cap");
        }

        if (destinationAmount.AmountMinor > destination.PerTransactionCap.AmountMinor)
        {
            return OverCap(sheet, destinationAmount, destination.PerTransactionCap, $"the {destination.Id} per-transaction cap");
        }

        if (corridor.Cap is { } corridorCap && sourceAmount.AmountMinor > corridorCap.AmountMinor)
        {
            return OverCap(sheet, sourceAmount, corridorCap, $"the {source.Id} to {destination.Id} corridor cap");
        }

        var destinationFee = corridor.DestinationPspFee.Compute(destinationAmount);
        if (destinationFee.AmountMinor >= destinationAmount.AmountMinor)
        {
            return new Priced(null, new Rejection(
                StatusReasonCode.AM01,
                nameof(QuoteRequest.Amount),
                $"after the destination PSP fee of {destinationFee} the creditor would receive nothing ({sheet.FxProvider})"));
        }

        var quote = new Quote(
            _ids.Next(sheet.FxProvider),
            sheet.FxProvider,
            source.Id,
            destination.Id,
            rate,
            sourceAmount,
            destinationAmount,
            corridor.SourcePspFee.Compute(sourceAmount),
            destinationFee,
            corridor.SchemeFee.Compute(sourceAmount),
            request.AmountIsFixedIn,
            psp,
            now,
            now + sheet.QuoteValidity);
        return new Priced(quote, null);
    }

    private static Priced TooLarge(FxRateSheet sheet, Money amount) => new(null, new Rejection(
        StatusReasonCode.AM02,
        nameof(QuoteRequest.Amount),
        $"{amount} is too large to convert at {sheet.FxProvider}'s rate"));

    private static Priced OverCap(FxRateSheet sheet, Money amount, Money cap, string which) => new(null, new Rejection(
        StatusReasonCode.AM02,
        nameof(QuoteRequest.Amount),
        string.Create(CultureInfo.InvariantCulture, $"{amount} at {sheet.FxProvider}'s rate exceeds {which} of {cap}")));

    private sealed record Priced(Quote? Quote, Rejection? Rejection);
}
