using PaymentSwitch.Domain;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub.Fx;

/// <summary>The outcome of <see cref="QuoteBook.Check(string, Bic, decimal, Money, Money?, DateTimeOffset)"/>: the quote, or why the payment may not use it.</summary>
/// <param name="Quote">The quote the payment cites, when it was found (also on some rejections, for diagnostics).</param>
/// <param name="Rejection">Why the payment may not use the quote, or <c>null</c> when it may.</param>
public readonly record struct QuoteCheck(Quote? Quote, Rejection? Rejection)
{
    /// <summary>Whether the payment matches a valid quote issued to its instructing agent.</summary>
    public bool IsAccepted => Rejection is null && Quote is not null;
}

/// <summary>
/// A bounded store of issued quotes. A quote is honoured until it expires; after that it is kept for a retention period
/// so that a late payment is told "expired" rather than "unknown", then evicted. When the book is full of quotes still
/// being honoured it refuses new quotes instead of dropping a promise already made. Thread-safe; <see cref="Check(string, Bic, decimal, Money, Money?, DateTimeOffset)"/> allocates nothing.
/// </summary>
/// <remarks>
/// Rejections, checked in this order (a foreign PSP learns nothing about another PSP's quote, not even that it expired):
/// unknown quote id: <c>AG01</c>; issued to another PSP: <c>AGNT</c>; expired: <c>TM01</c>; rate differs: <c>NARR</c>;
/// interbank or instructed amount differs: <c>AM09</c>. See <c>docs/fx-quotes.md</c>.
/// </remarks>
public sealed class QuoteBook
{
    /// <summary>The default capacity: 10 minutes of quotes at about 1,600 quotes a second.</summary>
    public const int DefaultCapacity = 1_000_000;

    /// <summary>Field names used in check rejections (ISO 20022 element paths in a pacs.008 transaction).</summary>
    public const string QuoteIdField = "RmtInf/Strd/AddtlRmtInf";

    /// <summary>The instructing agent element.</summary>
    public const string InstructingAgentField = "InstgAgt/FinInstnId/BICFI";

    /// <summary>The exchange rate element.</summary>
    public const string RateField = "XchgRate";

    /// <summary>The interbank settlement amount element.</summary>
    public const string InterbankAmountField = "IntrBkSttlmAmt";

    /// <summary>The instructed amount element.</summary>
    public const string InstructedAmountField = "InstdAmt";

    // Details are constant sentences so that a rejection allocates nothing; the quote in the result carries the figures.
    private const string UnknownDetail = "no quote with this id was issued by the hub, or it expired long ago and was evicted";
    private const string ForeignDetail = "the quote was issued to another PSP; only the PSP that requested it may use it";
    private const string ExpiredDetail = "the quote has expired; quotes are honoured only until their expiry time";
    private const string RateDetail = "the exchange rate differs from the quote's rate";
    private const string InterbankDetail = "the interbank settlement amount differs from the quote's destination amount";
    private const string InstructedDetail = "the instructed amount differs from the quote's source amount";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Quote> _quotes;
    private readonly Dictionary<string, Quote>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly PriorityQueue<string, DateTimeOffset> _byExpiry;

    /// <summary>Creates a book.</summary>
    /// <param name="capacity">The most quotes held at once (honoured plus retained expired ones); at least 1.</param>
    /// <param name="expiredRetention">How long an expired quote is kept for "expired" answers; default 10 minutes, may be zero.</param>
    public QuoteBook(int capacity = DefaultCapacity, TimeSpan? expiredRetention = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var retention = expiredRetention ?? FxRateSheet.DefaultQuoteValidity;
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, TimeSpan.Zero, nameof(expiredRetention));
        Capacity = capacity;
        ExpiredRetention = retention;
        _quotes = new Dictionary<string, Quote>(Math.Min(capacity, 1 << 16), StringComparer.Ordinal);
        _lookup = _quotes.GetAlternateLookup<ReadOnlySpan<char>>();
        _byExpiry = new PriorityQueue<string, DateTimeOffset>(Math.Min(capacity, 1 << 16));
    }

    /// <summary>The most quotes held at once.</summary>
    public int Capacity { get; }

    /// <summary>How long an expired quote is kept.</summary>
    public TimeSpan ExpiredRetention { get; }

    /// <summary>How many quotes are held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _quotes.Count;
            }
        }
    }

    /// <summary>
    /// Stores a quote. Evicts quotes whose retention has ended; if the book is still full, evicts expired quotes early;
    /// if it is full of quotes still honoured, refuses (returns <c>false</c>) rather than break a promise.
    /// </summary>
    /// <exception cref="ArgumentException">A quote with the same id is already held (the id generator is broken).</exception>
    public bool TryAdd(Quote quote, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(quote);
        lock (_gate)
        {
            EvictUntil(now - ExpiredRetention);
            if (_quotes.Count >= Capacity)
            {
                EvictUntil(now);
            }

            if (_quotes.Count >= Capacity)
            {
                return false;
            }

            _quotes.Add(quote.QuoteId, quote);
            _byExpiry.Enqueue(quote.QuoteId, quote.ExpiresAt);
            return true;
        }
    }

    /// <summary>Finds a held quote, expired or not; allocation-free.</summary>
    public bool TryGet(ReadOnlySpan<char> quoteId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Quote quote)
    {
        lock (_gate)
        {
            return _lookup.TryGetValue(quoteId, out quote);
        }
    }

    /// <summary>Checks a payment against the quote it cites; see the class remarks for the order and codes. Allocation-free.</summary>
    /// <param name="quoteId">The quote id from the payment.</param>
    /// <param name="instructingAgent">The payment's instructing agent (the source PSP).</param>
    /// <param name="rate">The payment's <c>XchgRate</c>; compared by value (1.50 equals 1.5).</param>
    /// <param name="interbankSettlementAmount">The payment's <c>IntrBkSttlmAmt</c>; must equal the quote's destination amount (amount and currency).</param>
    /// <param name="instructedAmount">The payment's <c>InstdAmt</c>, if present; must equal the quote's source amount.</param>
    /// <param name="now">The hub's current time.</param>
    public QuoteCheck Check(string quoteId, Bic instructingAgent, decimal rate, Money interbankSettlementAmount, Money? instructedAmount, DateTimeOffset now) =>
        Check(quoteId.AsSpan(), instructingAgent, rate, interbankSettlementAmount, instructedAmount, now);

    /// <summary>As <see cref="Check(string, Bic, decimal, Money, Money?, DateTimeOffset)"/>, with the id as a span (for ids read straight from a message buffer).</summary>
    public QuoteCheck Check(ReadOnlySpan<char> quoteId, Bic instructingAgent, decimal rate, Money interbankSettlementAmount, Money? instructedAmount, DateTimeOffset now)
    {
        if (!TryGet(quoteId, out var quote))
        {
            return new QuoteCheck(null, new Rejection(StatusReasonCode.AG01, QuoteIdField, UnknownDetail));
        }

        if (!BicKeys.SameParticipant(quote.IssuedTo, instructingAgent))
        {
            // The quote is not returned: it belongs to another PSP.
            return new QuoteCheck(null, new Rejection(StatusReasonCode.AGNT, InstructingAgentField, ForeignDetail));
        }

        if (!quote.IsValidAt(now))
        {
            return new QuoteCheck(quote, new Rejection(StatusReasonCode.TM01, QuoteIdField, ExpiredDetail));
        }

        if (rate != quote.Rate)
        {
            return new QuoteCheck(quote, new Rejection(StatusReasonCode.NARR, RateField, RateDetail));
        }

        if (interbankSettlementAmount != quote.DestinationAmount)
        {
            return new QuoteCheck(quote, new Rejection(StatusReasonCode.AM09, InterbankAmountField, InterbankDetail));
        }

        if (instructedAmount is { } instructed && instructed != quote.SourceAmount)
        {
            return new QuoteCheck(quote, new Rejection(StatusReasonCode.AM09, InstructedAmountField, InstructedDetail));
        }

        return new QuoteCheck(quote, null);
    }

    // Removes quotes that expired at or before the cutoff. The queue is ordered by expiry, so this stops at the first
    // quote still inside the window and costs O(log n) per evicted quote.
    private void EvictUntil(DateTimeOffset cutoff)
    {
        while (_byExpiry.TryPeek(out var id, out var expiresAt) && expiresAt <= cutoff)
        {
            _byExpiry.Dequeue();
            _quotes.Remove(id);
        }
    }
}
