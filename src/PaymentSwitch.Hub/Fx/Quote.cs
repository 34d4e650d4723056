using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Fx;

/// <summary>Which amount of a quote request is fixed.</summary>
public enum FixedSide
{
    /// <summary>The sender's amount is fixed; the destination amount is computed (rounded half to even).</summary>
    Source,

    /// <summary>The destination interbank amount is fixed; the source amount is the smallest that delivers it.</summary>
    Destination,
}

/// <summary>A source PSP's request for FX quotes (Nexus steps 3–6).</summary>
/// <param name="SourceIps">The sending IPS.</param>
/// <param name="DestinationIps">The receiving IPS.</param>
/// <param name="RequestingPsp">The source PSP asking; quotes are issued to it and only it may use them.</param>
/// <param name="Amount">The fixed amount: in the source IPS currency if <paramref name="AmountIsFixedIn"/> is <see cref="FixedSide.Source"/>, otherwise in the destination IPS currency.</param>
/// <param name="AmountIsFixedIn">Which side <paramref name="Amount"/> fixes.</param>
public sealed record QuoteRequest(IpsId SourceIps, IpsId DestinationIps, Bic RequestingPsp, Money Amount, FixedSide AmountIsFixedIn);

/// <summary>
/// One FX provider's binding offer to one PSP, honoured until <see cref="ExpiresAt"/> (exclusive).
/// </summary>
/// <param name="QuoteId">Unique id; the payment carries it in structured remittance information (<c>RmtInf/Strd/AddtlRmtInf</c>).</param>
/// <param name="FxProvider">The FX provider that stands behind the rate.</param>
/// <param name="SourceIps">The sending IPS.</param>
/// <param name="DestinationIps">The receiving IPS.</param>
/// <param name="Rate">The effective rate after spread, tier and PSP improvement, in <c>XchgRate</c> form; the payment must carry exactly this rate.</param>
/// <param name="SourceAmount">What the sender's account is converted from (the payment's <c>InstdAmt</c>), in the source currency.</param>
/// <param name="DestinationAmount">The payment's <c>IntrBkSttlmAmt</c> in the destination currency; the hub checks equality.</param>
/// <param name="SourcePspFee">Charged to the sender on top of <paramref name="SourceAmount"/>, in the source currency.</param>
/// <param name="DestinationPspFee">Deducted by the destination PSP from <paramref name="DestinationAmount"/>, in the destination currency.</param>
/// <param name="SchemeFee">Charged to the source PSP by the scheme, in the source currency.</param>
/// <param name="AmountIsFixedIn">Which side the request fixed.</param>
/// <param name="IssuedTo">The PSP the quote was issued to.</param>
/// <param name="IssuedAt">When it was issued (hub clock).</param>
/// <param name="ExpiresAt">When it stops being honoured: <c>IssuedAt + QuoteValidity</c>; a payment at or after this instant is rejected.</param>
public sealed record Quote(
    string QuoteId,
    Bic FxProvider,
    IpsId SourceIps,
    IpsId DestinationIps,
    decimal Rate,
    Money SourceAmount,
    Money DestinationAmount,
    Money SourcePspFee,
    Money DestinationPspFee,
    Money SchemeFee,
    FixedSide AmountIsFixedIn,
    Bic IssuedTo,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>What the creditor's account is credited: <see cref="DestinationAmount"/> minus <see cref="DestinationPspFee"/>; disclosed to the sender.</summary>
    public Money CreditorAmount => DestinationAmount.Subtract(DestinationPspFee);

    /// <summary>What the sender pays in total: <see cref="SourceAmount"/> plus <see cref="SourcePspFee"/>; disclosed to the sender.</summary>
    public Money DebtorTotal => SourceAmount.Add(SourcePspFee);

    /// <summary>Whether the quote is still honoured at <paramref name="now"/> (strictly before <see cref="ExpiresAt"/>).</summary>
    public bool IsValidAt(DateTimeOffset now) => now < ExpiresAt;
}

/// <summary>The answer to a <see cref="QuoteRequest"/>: one quote per FX provider that could quote, and why others could not.</summary>
/// <param name="Quotes">Issued quotes, ordered by FX provider BIC; each is stored in the <see cref="QuoteBook"/>.</param>
/// <param name="Best">The quote that gives the most destination amount per source amount, or <c>null</c> if none was issued (see <see cref="QuoteEngine"/> for the tie-break).</param>
/// <param name="Rejections">Why the request, or an individual FX provider's quote, was refused. Non-empty when <paramref name="Quotes"/> is empty.</param>
public sealed record QuoteResponse(IReadOnlyList<Quote> Quotes, Quote? Best, IReadOnlyList<Rejection> Rejections)
{
    /// <summary>Whether no quote was issued.</summary>
    public bool IsRejected => Quotes.Count == 0;

    internal static QuoteResponse Reject(Rejection rejection) => new([], null, [rejection]);
}

/// <summary>Makes quote ids. Implementations must be deterministic for a given sequence of calls and thread-safe.</summary>
public interface IQuoteIdGenerator
{
    /// <summary>The next id for a quote from <paramref name="fxProvider"/>; never returns the same id twice.</summary>
    string Next(Bic fxProvider);
}

/// <summary>
/// Quote ids of the form <c>{prefix}-{FX provider BIC8}-{counter}</c>, e.g. <c>Q-DBSSSGSG-0000000001</c>, from one
/// shared counter: deterministic (no randomness), unique within one generator, at most 40 characters.
/// </summary>
public sealed class SequentialQuoteIdGenerator : IQuoteIdGenerator
{
    private readonly string _prefix;
    private long _counter;

    /// <summary>Creates a generator; give each hub instance (partition) its own prefix so ids stay unique across instances.</summary>
    /// <param name="prefix">1 to 12 upper-case letters or digits.</param>
    /// <param name="start">The counter value before the first id (for resuming after a restart).</param>
    public SequentialQuoteIdGenerator(string prefix = "Q", long start = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (prefix.Length > 12 || !prefix.All(static c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException("The prefix must be 1 to 12 upper-case letters or digits.", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(start);
        _prefix = prefix;
        _counter = start;
    }

    /// <inheritdoc/>
    public string Next(Bic fxProvider)
    {
        var value = Interlocked.Increment(ref _counter);
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{_prefix}-{fxProvider.Value.AsSpan(0, Math.Min(8, fxProvider.Value.Length))}-{value:D10}");
    }
}
