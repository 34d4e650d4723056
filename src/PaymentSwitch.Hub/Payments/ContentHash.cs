using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Hub.Payments;

/// <summary>
/// The 128-bit XxHash128 of a payment's canonical content (see <see cref="CanonicalContent"/>).
/// Two submissions with the same UETR are "the same payment" exactly when their content hashes are equal.
/// </summary>
/// <remarks>
/// The hash is not cryptographic, and need not be: it is only ever compared between two submissions that carry the
/// same UETR from the same source IPS. A collision can only make a different-content resend look like a resend, which
/// gets the stored outcome with no new effect; it can never move money (see docs/lifecycle.md).
/// </remarks>
/// <param name="High">The upper 64 bits of the XxHash128 value.</param>
/// <param name="Low">The lower 64 bits of the XxHash128 value.</param>
public readonly record struct ContentHash(ulong High, ulong Low)
{
    /// <summary>Lower-case hex of the 16 bytes, for logs and docs.</summary>
    public override string ToString() => $"{High:x16}{Low:x16}";
}

/// <summary>
/// Builds the canonical, fixed-layout byte encoding of the fields of a pacs.008 transaction that identify the payment,
/// and hashes it with XxHash128 (seed 0, so the hash is stable across processes and replays). The encoding is independent of XML element order, whitespace, number spelling
/// (<c>25.853</c> and <c>25.8530</c> are the same rate) and schema version, because it is computed from the canonical
/// model, never from wire bytes (Mojaloop's request hash depended on JSON field order; this one cannot).
/// </summary>
/// <remarks>
/// <para>Compared fields, in this order, each written as a one-byte tag followed by its value:</para>
/// <list type="number">
/// <item><c>PmtId/UETR</c> (16 bytes) and <c>PmtId/EndToEndId</c> (length-prefixed UTF-8).</item>
/// <item><c>IntrBkSttlmAmt</c>: minor units (int64 big-endian) and the ISO 4217 code.</item>
/// <item><c>InstdAmt</c>: presence byte, minor units and code.</item>
/// <item><c>XchgRate</c>: presence byte, then the decimal with trailing zeros removed (sign, scale, 96-bit mantissa).</item>
/// <item><c>DbtrAgt</c> and <c>CdtrAgt</c>: the BIC in its 11-character form (an 8-character BIC gets "XXX"),
/// else the clearing-system member id.</item>
/// <item><c>DbtrAcct</c> and <c>CdtrAcct</c>: IBAN, else <c>Othr/Id</c>, else <c>Prxy/Id</c> (each tagged by kind).</item>
/// <item><c>PmtTpInf/InstrPrty</c> (absent, HIGH, NORM) and the Nexus FX quote id from <c>RmtInf/Strd/AddtlRmtInf</c>.</item>
/// </list>
/// <para>Not compared: names, addresses, free remittance text, message and instruction ids, creation and acceptance
/// times, intermediary agents and charges. A resend for investigation may re-stamp those; they do not change who pays
/// whom how much.</para>
/// </remarks>
public static class CanonicalContent
{
    /// <summary>The prefix of the FX quote id in <c>AddtlRmtInf</c>, as Nexus carries it.</summary>
    public const string QuoteIdPrefix = "NexusQuoteId:";

    private const int StackBufferBytes = 1024;

    private const byte TagUetr = 1;
    private const byte TagEndToEnd = 2;
    private const byte TagSettlement = 3;
    private const byte TagInstructed = 4;
    private const byte TagRate = 5;
    private const byte TagDebtorAgent = 6;
    private const byte TagCreditorAgent = 7;
    private const byte TagDebtorAccount = 8;
    private const byte TagCreditorAccount = 9;
    private const byte TagPriority = 10;
    private const byte TagQuote = 11;

    /// <summary>Hashes the canonical content of <paramref name="transaction"/>; allocates nothing for ordinary sizes.</summary>
    public static ContentHash Compute(CreditTransferTransaction transaction) => Compute(transaction, out _);

    /// <summary>
    /// As <see cref="Compute(CreditTransferTransaction)"/>, also giving the Nexus quote id it found (see <see cref="QuoteId"/>),
    /// so the engine's quote check does not scan the remittance lines a second time.
    /// </summary>
    internal static ContentHash Compute(CreditTransferTransaction transaction, out ReadOnlySpan<char> quoteId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        // The quote id is found once: finding it scans the structured remittance lines.
        quoteId = QuoteId(transaction);
        var upperBound = UpperBound(transaction, quoteId.Length);
        byte[]? rented = null;
        // Sized to the bound, not to the stack limit: the runtime zeroes a stackalloc, and an ordinary payment needs about
        // half of the limit.
        var buffer = upperBound <= StackBufferBytes
            ? stackalloc byte[upperBound]
            : (rented = ArrayPool<byte>.Shared.Rent(upperBound));
        try
        {
            var length = Write(transaction, quoteId, buffer);
            var digest = XxHash128.HashToUInt128(buffer[..length]);
            return new ContentHash((ulong)(digest >> 64), (ulong)digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Finds the Nexus quote id (<c>NexusQuoteId:...</c>) in structured remittance information, or an empty span.</summary>
    public static ReadOnlySpan<char> QuoteId(CreditTransferTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var remittance = transaction.RemittanceInformation;
        if (remittance is null)
        {
            return default;
        }

        foreach (var structured in remittance.Structured)
        {
            foreach (var line in structured.AdditionalInformation)
            {
                if (line.StartsWith(QuoteIdPrefix, StringComparison.Ordinal))
                {
                    return line.AsSpan(QuoteIdPrefix.Length).Trim();
                }
            }
        }

        return default;
    }

    /// <summary>Writes the canonical encoding; exposed so tests can show the layout does not depend on formatting.</summary>
    internal static int Write(CreditTransferTransaction transaction, Span<byte> buffer) =>
        Write(transaction, QuoteId(transaction), buffer);

    private static int Write(CreditTransferTransaction transaction, ReadOnlySpan<char> quoteId, Span<byte> buffer)
    {
        var w = new Writer(buffer);
        w.Tag(TagUetr);
        var uetr = transaction.PaymentId.Uetr ?? default;
        uetr.Value.TryWriteBytes(w.Take(16), bigEndian: true, out _);
        w.Tag(TagEndToEnd);
        w.Text(transaction.PaymentId.EndToEndId);
        w.Tag(TagSettlement);
        w.Money(transaction.InterbankSettlementAmount);
        w.Tag(TagInstructed);
        if (transaction.InstructedAmount is { } instructed)
        {
            w.Byte(1);
            w.Money(instructed);
        }
        else
        {
            w.Byte(0);
        }

        w.Tag(TagRate);
        if (transaction.ExchangeRate is { } rate)
        {
            w.Byte(1);
            w.Decimal(rate);
        }
        else
        {
            w.Byte(0);
        }

        w.Tag(TagDebtorAgent);
        w.Agent(transaction.DebtorAgent);
        w.Tag(TagCreditorAgent);
        w.Agent(transaction.CreditorAgent);
        w.Tag(TagDebtorAccount);
        w.Account(transaction.DebtorAccount);
        w.Tag(TagCreditorAccount);
        w.Account(transaction.CreditorAccount);
        w.Tag(TagPriority);
        w.Byte(transaction.PaymentType?.InstructionPriority switch
        {
            null => 0,
            Priority.HIGH => 1,
            _ => 2,
        });
        w.Tag(TagQuote);
        w.Text(quoteId);
        return w.Position;
    }

    // Each string costs at most 3 UTF-8 bytes per UTF-16 char plus a 4-byte length; fixed fields fit in 128 bytes.
    private static int UpperBound(CreditTransferTransaction t, int quoteIdLength) =>
        128 + (8 * 4) + (3 * (t.PaymentId.EndToEndId.Length
            + AgentLength(t.DebtorAgent) + AgentLength(t.CreditorAgent)
            + AccountLength(t.DebtorAccount) + AccountLength(t.CreditorAccount)
            + quoteIdLength));

    private static int AgentLength(Agent agent) => agent.Bicfi is not null ? 11 : agent.ClearingSystemMember is { } member ? member.MemberId.Length + 35 : 0;

    private static int AccountLength(Account? account) =>
        account is null ? 0 : account.Iban?.Value.Length ?? account.Other?.Id.Length ?? account.Proxy?.Id.Length ?? 0;

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public void Tag(byte tag) => Byte(tag);

        public void Byte(byte value) => _buffer[Position++] = value;

        public Span<byte> Take(int count)
        {
            var span = _buffer.Slice(Position, count);
            Position += count;
            return span;
        }

        public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

        public void Text(ReadOnlySpan<char> text)
        {
            var lengthSlot = Take(4);
            var written = Encoding.UTF8.GetBytes(text, _buffer[Position..]);
            Position += written;
            BinaryPrimitives.WriteInt32BigEndian(lengthSlot, written);
        }

        public void Money(Money money)
        {
            Int64(money.AmountMinor);
            Text(money.Currency.Code);
        }

        public void Decimal(decimal value)
        {
            // decimal keeps its scale (25.8530m and 25.853m differ in bits), so strip trailing zeros before encoding.
            Span<int> bits = stackalloc int[4];
            _ = decimal.GetBits(value, bits);
            var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
            var scale = (bits[3] >> 16) & 0xFF;
            var negative = bits[3] < 0 && mantissa != 0;
            if (bits[2] == 0)
            {
                // A rate's mantissa almost always fits 64 bits, where division is one instruction rather than a call.
                var small = (ulong)mantissa;
                while (scale > 0 && small % 10 == 0)
                {
                    small /= 10;
                    scale--;
                }

                mantissa = small;
            }

            while (scale > 0 && mantissa % 10 == 0)
            {
                mantissa /= 10;
                scale--;
            }

            if (mantissa == 0)
            {
                scale = 0;
            }

            Byte(negative ? (byte)1 : (byte)0);
            Byte((byte)scale);
            BinaryPrimitives.WriteUInt64BigEndian(Take(8), (ulong)(mantissa >> 64));
            BinaryPrimitives.WriteUInt64BigEndian(Take(8), (ulong)mantissa);
        }

        public void Agent(Agent agent)
        {
            if (agent.Bicfi is { } bic)
            {
                Byte(1);
                var value = bic.Value;
                var slot = Take(11);
                for (var i = 0; i < 11; i++)
                {
                    slot[i] = (byte)(i < value.Length ? value[i] : 'X');
                }
            }
            else if (agent.ClearingSystemMember is { } member)
            {
                Byte(2);
                Text(member.ClearingSystem?.Code ?? member.ClearingSystem?.Proprietary);
                Text(member.MemberId);
            }
            else
            {
                Byte(0);
            }
        }

        public void Account(Account? account)
        {
            if (account?.Iban is { } iban)
            {
                Byte(1);
                Text(iban.Value);
            }
            else if (account?.Other is { } other)
            {
                Byte(2);
                Text(other.Id);
            }
            else if (account?.Proxy is { } proxy)
            {
                Byte(3);
                Text(proxy.Id);
            }
            else
            {
                Byte(0);
            }
        }
    }
}
