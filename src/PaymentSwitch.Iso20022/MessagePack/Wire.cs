using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using MessagePack;
using MessagePack.Formatters;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.MessagePack;

/// <summary>
/// The wire rules every formatter shares (docs/wire-format.md): records as positional arrays, safe string and binary
/// reads, iterative skipping of unknown fields, list limits, primitive encodings, and error paths.
/// </summary>
/// <remarks>
/// Strings, binaries and skipped values are read here rather than with <c>MessagePackReader.ReadString</c>,
/// <c>TryReadStringSpan</c>, <c>ReadBytes</c> or <c>Skip</c>, because in MessagePack 2.5 those trust a str32/bin32
/// length with the top bit set (a negative <see cref="int"/>), which ends in an <see cref="ArgumentOutOfRangeException"/>
/// instead of a MessagePack error, and <c>Skip</c> recurses once per nesting level, so a hostile trailing field of a
/// million nested arrays would overflow the stack. Here lengths are unsigned, capped, and checked against the bytes
/// that remain before anything is allocated, and skipping keeps a counter instead of recursing.
/// </remarks>
internal static class Wire
{
    /// <summary>The only frame layout version this code reads and writes (frame position 0).</summary>
    public const int WireVersion = 1;

    /// <summary>The longest text value accepted, in UTF-8 bytes: ISO 20022 Max2048Text at four bytes a character.</summary>
    public const int MaxStringBytes = 8192;

    /// <summary>Codes up to this many UTF-8 bytes are interned; longer ones are ordinary strings.</summary>
    public const int MaxInternedBytes = 64;

    /// <summary>The most transactions (or verifications, or reports) one message may carry.</summary>
    public const int MaxTransactions = 10_000;

    /// <summary>The most items any other list may carry (addresses, reasons, charges, service levels...).</summary>
    public const int MaxSmallList = 100;

    private const int MaxDecimalChars = 40;
    private const int UetrByteCount = 16;
    private const short MaxOffsetMinutes = 14 * 60;

    // ---------------------------------------------------------------- records

    /// <summary>Reads a record's array header (the caller has handled nil) and counts one level of nesting.</summary>
    public static FieldCursor BeginRecord(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        options.Security.DepthStep(ref reader);
        return new FieldCursor(ReadArrayHeader(ref reader));
    }

    /// <summary>Skips the fields a newer writer appended after the ones this reader knows, and leaves the record.</summary>
    public static void EndRecord(ref MessagePackReader reader, ref FieldCursor fields)
    {
        while (fields.Position < fields.Count)
        {
            fields.Position++;
            SkipValue(ref reader);
        }

        reader.Depth--;
    }

    /// <summary>Reads an array header, refusing a count with the top bit set (MessagePack 2.5 returns it as negative).</summary>
    public static int ReadArrayHeader(ref MessagePackReader reader)
    {
        // ReadArrayHeader itself refuses a count larger than the bytes that remain (every element takes at least one
        // byte), so a hostile header fails here before anything is allocated.
        var count = reader.ReadArrayHeader();
        if (count < 0)
        {
            throw Error("array header claims more than 2^31 - 1 elements");
        }

        return count;
    }

    /// <summary>Returns <paramref name="value"/>, or throws because a required field is nil or absent.</summary>
    public static T Required<T>(T? value)
        where T : class => value ?? throw Error("is required but is nil or absent");

    /// <summary>Returns <paramref name="value"/>, or throws because a required field is nil or absent.</summary>
    public static T RequiredValue<T>(T? value)
        where T : struct => value ?? throw Error("is required but is nil or absent");

    /// <summary>Returns a required model member for writing, or throws: a null required member is a programmer error.</summary>
    public static T NotNull<T>(T? value, string field)
        where T : class => value ?? throw InvalidModel(field + " is required but is null");

    // ---------------------------------------------------------------- lists

    /// <summary>Reads a list of records; nil and the empty array are both the empty list.</summary>
    public static ValueList<T> ReadList<T>(
        ref MessagePackReader reader, MessagePackSerializerOptions options, IMessagePackFormatter<T?> formatter, int maxCount)
        where T : class
    {
        var count = ReadListHeader(ref reader, maxCount);
        if (count == 0)
        {
            return default;
        }

        var items = new T[count];
        for (var i = 0; i < items.Length; i++)
        {
            try
            {
                items[i] = formatter.Deserialize(ref reader, options) ?? throw Error("list items must not be nil");
            }
            catch (Exception ex) when (IsMalformed(ex))
            {
                throw AtIndex(ex, i);
            }
        }

        return ValueList<T>.TakeOwnership(items);
    }

    /// <summary>Reads a list of <see cref="CodeOrProprietary"/> choices.</summary>
    public static ValueList<CodeOrProprietary> ReadCodeList(ref MessagePackReader reader, MessagePackSerializerOptions options, int maxCount)
    {
        var count = ReadListHeader(ref reader, maxCount);
        if (count == 0)
        {
            return default;
        }

        var items = new CodeOrProprietary[count];
        for (var i = 0; i < items.Length; i++)
        {
            try
            {
                items[i] = CodeOrProprietaryFormatter.ReadNullable(ref reader, options) ?? throw Error("list items must not be nil");
            }
            catch (Exception ex) when (IsMalformed(ex))
            {
                throw AtIndex(ex, i);
            }
        }

        return ValueList<CodeOrProprietary>.TakeOwnership(items);
    }

    /// <summary>Reads a list of text values.</summary>
    public static ValueList<string> ReadStringList(ref MessagePackReader reader, int maxCount)
    {
        var count = ReadListHeader(ref reader, maxCount);
        if (count == 0)
        {
            return default;
        }

        var items = new string[count];
        for (var i = 0; i < items.Length; i++)
        {
            try
            {
                items[i] = ReadString(ref reader) ?? throw Error("list items must not be nil");
            }
            catch (Exception ex) when (IsMalformed(ex))
            {
                throw AtIndex(ex, i);
            }
        }

        return ValueList<string>.TakeOwnership(items);
    }

    /// <summary>Writes a list of records as an array (the empty list as an empty array).</summary>
    public static void WriteList<T>(
        ref MessagePackWriter writer, ValueList<T> list, IMessagePackFormatter<T?> formatter, MessagePackSerializerOptions options, int maxCount)
        where T : class
    {
        CheckListCount(list.Count, maxCount);
        writer.WriteArrayHeader(list.Count);
        foreach (var item in list)
        {
            formatter.Serialize(ref writer, item, options);
        }
    }

    /// <summary>Writes a list of <see cref="CodeOrProprietary"/> choices.</summary>
    public static void WriteCodeList(ref MessagePackWriter writer, ValueList<CodeOrProprietary> list, int maxCount)
    {
        CheckListCount(list.Count, maxCount);
        writer.WriteArrayHeader(list.Count);
        foreach (var item in list)
        {
            CodeOrProprietaryFormatter.Write(ref writer, item);
        }
    }

    /// <summary>Writes a list of text values.</summary>
    public static void WriteStringList(ref MessagePackWriter writer, ValueList<string> list, int maxCount)
    {
        CheckListCount(list.Count, maxCount);
        writer.WriteArrayHeader(list.Count);
        foreach (var item in list)
        {
            writer.Write(item);
        }
    }

    private static int ReadListHeader(ref MessagePackReader reader, int maxCount)
    {
        if (reader.TryReadNil())
        {
            return 0;
        }

        var count = ReadArrayHeader(ref reader);
        if (count > maxCount)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"list has {count} items; at most {maxCount} are allowed"));
        }

        return count;
    }

    private static void CheckListCount(int count, int maxCount)
    {
        if (count > maxCount)
        {
            throw InvalidModel(string.Create(CultureInfo.InvariantCulture, $"a list has {count} items; the wire format allows at most {maxCount}"));
        }
    }

    // ---------------------------------------------------------------- text

    /// <summary>Reads a text value (str) or nil; the value must be valid UTF-8 of at most <paramref name="maxBytes"/> bytes.</summary>
    public static string? ReadString(ref MessagePackReader reader, int maxBytes = MaxStringBytes, string? what = null)
    {
        if (TryReadContiguousString(ref reader, maxBytes, what, out var span))
        {
            return Decode(span);
        }

        if (!TryReadStringBytes(ref reader, maxBytes, what, out var bytes))
        {
            return null;
        }

        if (bytes.IsSingleSegment)
        {
            return Decode(bytes.FirstSpan);
        }

        var length = (int)bytes.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            bytes.CopyTo(rented);
            return Decode(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads a low-cardinality text value (a code, a BIC, a message name) or nil, interning it so that the same code
    /// in every message is one string and reading it allocates nothing after the first time.
    /// </summary>
    /// <remarks>
    /// This does what MessagePack's <see cref="StringInterningFormatter"/> does, but on the safe string read above and
    /// with a lock-free per-thread pool (<see cref="InternPool"/>) bounded so that hostile values cannot pin memory.
    /// </remarks>
    public static string? ReadInternedString(ref MessagePackReader reader, int maxBytes = MaxStringBytes, string? what = null)
    {
        if (TryReadContiguousString(ref reader, maxBytes, what, out var span) && span.Length <= MaxInternedBytes)
        {
            return Intern(span);
        }

        if (span.Length > 0)
        {
            return Decode(span);
        }

        if (!TryReadStringBytes(ref reader, maxBytes, what, out var bytes))
        {
            return null;
        }

        if (bytes.Length > MaxInternedBytes)
        {
            return bytes.IsSingleSegment ? Decode(bytes.FirstSpan) : Decode(bytes.ToArray());
        }

        Span<byte> utf8 = stackalloc byte[MaxInternedBytes];
        utf8 = utf8[..(int)bytes.Length];
        bytes.CopyTo(utf8);
        return Intern(utf8);
    }

    private static string Intern(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw Error("text is not valid UTF-8");
        }

        Span<char> chars = stackalloc char[MaxInternedBytes];
        var charCount = Encoding.UTF8.GetChars(utf8, chars);
        return InternPool.Intern(chars[..charCount]);
    }

    /// <summary>
    /// Reads a short ASCII code (currency, country, status) into <paramref name="destination"/> without allocating.
    /// Returns false for nil.
    /// </summary>
    public static bool TryReadAsciiCode(ref MessagePackReader reader, scoped Span<char> destination, string what, out int length)
    {
        scoped ReadOnlySpan<byte> ascii;
        if (TryReadContiguousString(ref reader, destination.Length, what, out var span))
        {
            ascii = span;
        }
        else if (TryReadStringBytes(ref reader, destination.Length, what, out var bytes))
        {
            Span<byte> copy = stackalloc byte[destination.Length];
            bytes.CopyTo(copy);
            ascii = copy[..(int)bytes.Length];
        }
        else
        {
            length = 0;
            return false;
        }

        length = ascii.Length;
        for (var i = 0; i < length; i++)
        {
            if (ascii[i] > 0x7F)
            {
                throw Error($"{what} must be ASCII");
            }

            destination[i] = (char)ascii[i];
        }

        return true;
    }

    private static string Decode(ReadOnlySpan<byte> utf8) =>
        Utf8.IsValid(utf8) ? Encoding.UTF8.GetString(utf8) : throw Error("text is not valid UTF-8");

    /// <summary>
    /// The fast path for a string that lies in one buffer segment: MessagePack's own span read, no slicing or copy.
    /// Str32 is left to the checked path below, because MessagePack 2.5 reads its length as a signed number.
    /// </summary>
    private static bool TryReadContiguousString(ref MessagePackReader reader, int maxBytes, string? what, out ReadOnlySpan<byte> span)
    {
        span = default;
        var code = reader.NextCode;
        int headerLength;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            headerLength = 1;
        }
        else if (code == MessagePackCode.Str8)
        {
            headerLength = 2;
        }
        else if (code == MessagePackCode.Str16)
        {
            headerLength = 3;
        }
        else
        {
            return false;
        }

        var remaining = reader.Sequence.Slice(reader.Position).FirstSpan;
        if (remaining.Length < headerLength)
        {
            return false;
        }

        var length = headerLength switch
        {
            1 => code & 0x1F,
            2 => remaining[1],
            _ => (remaining[1] << 8) | remaining[2],
        };
        if (remaining.Length < headerLength + length)
        {
            return false;
        }

        if (length > maxBytes)
        {
            throw TooLong(length, maxBytes, what);
        }

        span = remaining.Slice(headerLength, length);
        reader.Skip();
        return true;
    }

    private static IsoWireException TooLong(long length, int maxBytes, string? what) =>
        Error(what is null
            ? string.Create(CultureInfo.InvariantCulture, $"text is {length} bytes long; at most {maxBytes} are allowed")
            : string.Create(CultureInfo.InvariantCulture, $"{what} must be at most {maxBytes} characters; got {length} bytes"));

    private static bool TryReadStringBytes(ref MessagePackReader reader, int maxBytes, string? what, out ReadOnlySequence<byte> bytes)
    {
        if (reader.TryReadNil())
        {
            bytes = default;
            return false;
        }

        var code = reader.NextCode;
        var length = code switch
        {
            >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr => ReadHeader(ref reader, 0),
            MessagePackCode.Str8 => ReadHeader(ref reader, 1),
            MessagePackCode.Str16 => ReadHeader(ref reader, 2),
            MessagePackCode.Str32 => ReadHeader(ref reader, 4),
            _ => throw Unexpected("a string (str) or nil", code),
        };
        if (length > maxBytes)
        {
            throw TooLong(length, maxBytes, what);
        }

        // ReadRaw slices the input (no copy) and throws EndOfStreamException when fewer bytes remain.
        bytes = reader.ReadRaw(length);
        return true;
    }

    /// <summary>
    /// Consumes a str/bin/array/map/ext header whose length field is <paramref name="lengthBytes"/> big-endian bytes
    /// after the type byte (0 for the "fix" forms, where the length is in the type byte) and returns that length.
    /// </summary>
    private static uint ReadHeader(ref MessagePackReader reader, int lengthBytes)
    {
        Span<byte> header = stackalloc byte[5];
        header = header[..(1 + lengthBytes)];
        reader.ReadRaw(header.Length).CopyTo(header);
        return lengthBytes switch
        {
            0 => header[0] switch
            {
                >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr => (uint)(header[0] & 0x1F),
                _ => (uint)(header[0] & 0x0F),
            },
            1 => header[1],
            2 => BinaryPrimitives.ReadUInt16BigEndian(header[1..]),
            _ => BinaryPrimitives.ReadUInt32BigEndian(header[1..]),
        };
    }

    // ---------------------------------------------------------------- skipping

    /// <summary>
    /// Skips one value of any type without recursion: a counter of values still to skip grows by an array's or map's
    /// element count, so nesting depth costs no stack, and the counter may never exceed the bytes that remain.
    /// </summary>
    public static void SkipValue(ref MessagePackReader reader)
    {
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            var code = reader.NextCode;
            long children = 0;
            switch (code)
            {
                case <= MessagePackCode.MaxFixInt:
                case >= MessagePackCode.MinNegativeFixInt:
                case MessagePackCode.Nil:
                case MessagePackCode.False:
                case MessagePackCode.True:
                    reader.ReadRaw(1);
                    break;
                case >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap:
                    children = 2L * ReadHeader(ref reader, 0);
                    break;
                case >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray:
                    children = ReadHeader(ref reader, 0);
                    break;
                case >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr:
                    reader.ReadRaw(ReadHeader(ref reader, 0));
                    break;
                case MessagePackCode.Str8:
                case MessagePackCode.Bin8:
                    reader.ReadRaw(ReadHeader(ref reader, 1));
                    break;
                case MessagePackCode.Str16:
                case MessagePackCode.Bin16:
                    reader.ReadRaw(ReadHeader(ref reader, 2));
                    break;
                case MessagePackCode.Str32:
                case MessagePackCode.Bin32:
                    reader.ReadRaw(ReadHeader(ref reader, 4));
                    break;
                case MessagePackCode.Ext8:
                    reader.ReadRaw(ReadHeader(ref reader, 1) + 1L);
                    break;
                case MessagePackCode.Ext16:
                    reader.ReadRaw(ReadHeader(ref reader, 2) + 1L);
                    break;
                case MessagePackCode.Ext32:
                    reader.ReadRaw(ReadHeader(ref reader, 4) + 1L);
                    break;
                case MessagePackCode.UInt8:
                case MessagePackCode.Int8:
                    reader.ReadRaw(2);
                    break;
                case MessagePackCode.UInt16:
                case MessagePackCode.Int16:
                case MessagePackCode.FixExt1:
                    reader.ReadRaw(3);
                    break;
                case MessagePackCode.FixExt2:
                    reader.ReadRaw(4);
                    break;
                case MessagePackCode.UInt32:
                case MessagePackCode.Int32:
                case MessagePackCode.Float32:
                    reader.ReadRaw(5);
                    break;
                case MessagePackCode.FixExt4:
                    reader.ReadRaw(6);
                    break;
                case MessagePackCode.UInt64:
                case MessagePackCode.Int64:
                case MessagePackCode.Float64:
                    reader.ReadRaw(9);
                    break;
                case MessagePackCode.FixExt8:
                    reader.ReadRaw(10);
                    break;
                case MessagePackCode.FixExt16:
                    reader.ReadRaw(18);
                    break;
                case MessagePackCode.Array16:
                    children = ReadHeader(ref reader, 2);
                    break;
                case MessagePackCode.Array32:
                    children = ReadHeader(ref reader, 4);
                    break;
                case MessagePackCode.Map16:
                    children = 2L * ReadHeader(ref reader, 2);
                    break;
                case MessagePackCode.Map32:
                    children = 2L * ReadHeader(ref reader, 4);
                    break;
                default:
                    throw Unexpected("a MessagePack value", code);
            }

            pending += children;
            if (pending > reader.Sequence.Length - reader.Consumed)
            {
                throw Error("a skipped array or map claims more elements than bytes remain");
            }
        }
    }

    // ---------------------------------------------------------------- identifiers

    /// <summary>Reads a BIC (str, 8 or 11 characters, interned) or nil.</summary>
    public static Bic? ReadBic(ref MessagePackReader reader)
    {
        var text = ReadInternedString(ref reader, 11, "BIC");
        if (text is null)
        {
            return null;
        }

        return Bic.TryParse(text, out var bic, out var failure) ? bic : throw Error(failure.Rule);
    }

    /// <summary>Writes a BIC or nil.</summary>
    public static void WriteBic(ref MessagePackWriter writer, Bic? value)
    {
        if (value is not { } bic)
        {
            writer.WriteNil();
            return;
        }

        writer.Write(bic.Value.Length != 0 ? bic.Value : throw InvalidModel("default(Bic) is not a valid BIC"));
    }

    /// <summary>Reads an LEI (str, 20 characters, interned) or nil.</summary>
    public static Lei? ReadLei(ref MessagePackReader reader)
    {
        var text = ReadInternedString(ref reader, 20, "LEI");
        if (text is null)
        {
            return null;
        }

        return Lei.TryParse(text, out var lei, out var failure) ? lei : throw Error(failure.Rule);
    }

    /// <summary>Writes an LEI or nil.</summary>
    public static void WriteLei(ref MessagePackWriter writer, Lei? value)
    {
        if (value is not { } lei)
        {
            writer.WriteNil();
            return;
        }

        writer.Write(lei.Value.Length != 0 ? lei.Value : throw InvalidModel("default(Lei) is not a valid LEI"));
    }

    /// <summary>Reads an IBAN (str, electronic format) or nil. Not interned: an IBAN belongs to one customer.</summary>
    public static Iban? ReadIban(ref MessagePackReader reader)
    {
        var text = ReadString(ref reader, Iban.MaxLength, "IBAN");
        if (text is null)
        {
            return null;
        }

        return Iban.TryParse(text, out var iban, out var failure) ? iban : throw Error(failure.Rule);
    }

    /// <summary>Writes an IBAN or nil.</summary>
    public static void WriteIban(ref MessagePackWriter writer, Iban? value)
    {
        if (value is not { } iban)
        {
            writer.WriteNil();
            return;
        }

        writer.Write(iban.Value.Length != 0 ? iban.Value : throw InvalidModel("default(Iban) is not a valid IBAN"));
    }

    /// <summary>Reads an ISO 3166 alpha-2 country code (str) or nil, without allocating.</summary>
    public static CountryCode? ReadCountry(ref MessagePackReader reader)
    {
        Span<char> code = stackalloc char[2];
        if (!TryReadAsciiCode(ref reader, code, "country code", out var length))
        {
            return null;
        }

        return length == 2 && CountryCode.TryParse(code, out var country)
            ? country
            : throw Error($"country code '{new string(code[..length])}' is not an assigned ISO 3166-1 alpha-2 code");
    }

    /// <summary>Writes a country code or nil.</summary>
    public static void WriteCountry(ref MessagePackWriter writer, CountryCode? value)
    {
        if (value is not { } country)
        {
            writer.WriteNil();
            return;
        }

        writer.Write(country.Value.Length != 0 ? country.Value : throw InvalidModel("default(CountryCode) is not a valid country code"));
    }

    /// <summary>Reads an ISO 4217 currency code (str) or nil, without allocating.</summary>
    public static Currency? ReadCurrency(ref MessagePackReader reader)
    {
        Span<char> code = stackalloc char[3];
        if (!TryReadAsciiCode(ref reader, code, "currency", out var length))
        {
            return null;
        }

        return length == 3 && Currency.TryFromCode(code, out var currency)
            ? currency
            : throw Error($"currency '{new string(code[..length])}' is not an active ISO 4217 code with a numeric minor unit");
    }

    /// <summary>Writes a currency code or nil.</summary>
    public static void WriteCurrency(ref MessagePackWriter writer, Currency? value)
    {
        if (value is not { } currency)
        {
            writer.WriteNil();
            return;
        }

        writer.Write(currency.Code.Length != 0 ? currency.Code : throw InvalidModel("default(Currency) is not a valid currency"));
    }

    /// <summary>
    /// Reads a UETR: bin of exactly 16 bytes, the UUID in RFC 4122 (big-endian, network) byte order, which must be a
    /// version 4 UUID with the RFC 4122 variant.
    /// </summary>
    public static Uetr? ReadUetr(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var code = reader.NextCode;
        var length = code switch
        {
            MessagePackCode.Bin8 => ReadHeader(ref reader, 1),
            MessagePackCode.Bin16 => ReadHeader(ref reader, 2),
            MessagePackCode.Bin32 => ReadHeader(ref reader, 4),
            _ => throw Unexpected("a UETR as bin (16 bytes) or nil", code),
        };
        if (length != UetrByteCount)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"UETR must be exactly {UetrByteCount} bytes; got {length}"));
        }

        Span<byte> bytes = stackalloc byte[UetrByteCount];
        reader.ReadRaw(UetrByteCount).CopyTo(bytes);

        // In RFC 4122 byte order the version is the high nibble of byte 6 and the variant the top two bits of byte 8.
        if (bytes[6] >> 4 != 4)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"UETR must be a version 4 UUID; its version nibble is {bytes[6] >> 4}"));
        }

        if ((bytes[8] & 0xC0) != 0x80)
        {
            throw Error("UETR must have the RFC 4122 variant (binary 10 in the top bits of byte 8)");
        }

        return Uetr.FromGuid(new Guid(bytes, bigEndian: true));
    }

    /// <summary>Writes a UETR as bin 16 in RFC 4122 byte order, or nil.</summary>
    public static void WriteUetr(ref MessagePackWriter writer, Uetr? value)
    {
        if (value is not { } uetr)
        {
            writer.WriteNil();
            return;
        }

        Span<byte> bytes = stackalloc byte[UetrByteCount];
        var written = uetr.Value.TryWriteBytes(bytes, bigEndian: true, out _);
        if (!written || bytes[6] >> 4 != 4 || (bytes[8] & 0xC0) != 0x80)
        {
            throw InvalidModel("a UETR must be a version 4, RFC 4122 variant UUID (default(Uetr) is not)");
        }

        // Copied through GetSpan because the compiler cannot prove that Write(ReadOnlySpan) does not keep a stack span.
        writer.WriteBinHeader(UetrByteCount);
        bytes.CopyTo(writer.GetSpan(UetrByteCount));
        writer.Advance(UetrByteCount);
    }

    /// <summary>Reads a <see cref="TransactionStatus"/> as its four-letter ISO 20022 code (str) or nil, without allocating.</summary>
    public static TransactionStatus? ReadTransactionStatus(ref MessagePackReader reader)
    {
        Span<char> code = stackalloc char[4];
        if (!TryReadAsciiCode(ref reader, code, "transaction status", out var length))
        {
            return null;
        }

        return TransactionStatuses.TryParse(code[..length], out var status)
            ? status
            : throw Error($"'{new string(code[..length])}' is not a transaction status code PaymentSwitch knows (ACTC, ACCP, ACSP, ACSC, ACCC, ACWP, PDNG, RJCT, BLCK)");
    }

    /// <summary>Writes a <see cref="TransactionStatus"/> as its four-letter code, or nil.</summary>
    public static void WriteTransactionStatus(ref MessagePackWriter writer, TransactionStatus? value)
    {
        if (value is not { } status)
        {
            writer.WriteNil();
            return;
        }

        if ((uint)status > (uint)TransactionStatus.BLCK)
        {
            throw InvalidModel(string.Create(CultureInfo.InvariantCulture, $"TransactionStatus {(int)status} is not a defined member"));
        }

        writer.Write(TransactionStatuses.ToCode(status));
    }

    // ---------------------------------------------------------------- numbers, dates and times

    /// <summary>Reads an exchange rate: its exact decimal text, in canonical invariant form, or nil.</summary>
    public static decimal? ReadDecimal(ref MessagePackReader reader)
    {
        Span<char> text = stackalloc char[MaxDecimalChars];
        if (!TryReadAsciiCode(ref reader, text, "decimal", out var length))
        {
            return null;
        }

        text = text[..length];
        if (!IsCanonicalDecimalSyntax(text)
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"'{new string(text)}' is not a decimal of the form -?(0|[1-9][0-9]*)(.[0-9]+)?");
        }

        // decimal.Parse rounds what does not fit 96 bits and 28 decimal places; formatting back shows whether it did.
        Span<char> formatted = stackalloc char[MaxDecimalChars];
        if (!value.TryFormat(formatted, out var formattedLength, default, CultureInfo.InvariantCulture)
            || !formatted[..formattedLength].SequenceEqual(text))
        {
            throw Error($"'{new string(text)}' cannot be held exactly as a decimal (at most 28 decimal places and 96 bits)");
        }

        return value;
    }

    /// <summary>Writes a decimal as its invariant text, which keeps every digit and the scale, or nil.</summary>
    public static void WriteDecimal(ref MessagePackWriter writer, decimal? value)
    {
        if (value is not { } number)
        {
            writer.WriteNil();
            return;
        }

        Span<char> text = stackalloc char[MaxDecimalChars];
        var formatted = number.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        Invariant(formatted, "any decimal formats in 40 characters");

        // The text is ASCII, so each character is one UTF-8 byte.
        writer.WriteStringHeader(length);
        var destination = writer.GetSpan(length);
        for (var i = 0; i < length; i++)
        {
            destination[i] = (byte)text[i];
        }

        writer.Advance(length);
    }

    /// <summary>Reads a date as its day number (days since 0001-01-01, <see cref="DateOnly.DayNumber"/>) or nil.</summary>
    public static DateOnly? ReadDate(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var dayNumber = reader.ReadInt32();
        return dayNumber >= 0 && dayNumber <= DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber(dayNumber)
            : throw Error(string.Create(CultureInfo.InvariantCulture, $"day number {dayNumber} is outside 0..{DateOnly.MaxValue.DayNumber} (0001-01-01..9999-12-31)"));
    }

    /// <summary>Writes a date as its day number, or nil.</summary>
    public static void WriteDate(ref MessagePackWriter writer, DateOnly? value)
    {
        if (value is { } date)
        {
            writer.Write(date.DayNumber);
        }
        else
        {
            writer.WriteNil();
        }
    }

    /// <summary>
    /// Reads a date-time as <c>[utcTicks:int64, offsetMinutes:int16]</c> or nil: the instant in 100 ns ticks since
    /// 0001-01-01T00:00Z, and the UTC offset the sender used, so both the instant and the local reading survive.
    /// </summary>
    public static DateTimeOffset? ReadDateTime(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var fields = BeginRecord(ref reader, options);
        var utcTicks = fields.Next() && !reader.TryReadNil()
            ? reader.ReadInt64()
            : throw Error("date-time needs [utcTicks, offsetMinutes]; utcTicks is nil or absent");
        var offsetMinutes = fields.Next() && !reader.TryReadNil()
            ? reader.ReadInt16()
            : throw Error("date-time needs [utcTicks, offsetMinutes]; offsetMinutes is nil or absent");
        EndRecord(ref reader, ref fields);

        if (offsetMinutes is < -MaxOffsetMinutes or > MaxOffsetMinutes)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"UTC offset {offsetMinutes} minutes is outside -840..840"));
        }

        var localTicks = utcTicks + (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < 0 || utcTicks > DateTime.MaxValue.Ticks || localTicks < 0 || localTicks > DateTime.MaxValue.Ticks)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"utcTicks {utcTicks} with offset {offsetMinutes} minutes is outside 0001-01-01..9999-12-31"));
        }

        return new DateTimeOffset(localTicks, TimeSpan.FromMinutes(offsetMinutes));
    }

    /// <summary>Writes a date-time as <c>[utcTicks, offsetMinutes]</c>, or nil.</summary>
    public static void WriteDateTime(ref MessagePackWriter writer, DateTimeOffset? value)
    {
        if (value is not { } dateTime)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(2);
        writer.Write(dateTime.UtcTicks);
        writer.Write((short)dateTime.TotalOffsetMinutes);
    }

    /// <summary>Reads an enumeration code (int) or nil; the table maps it and rejects unknown codes.</summary>
    public static int? ReadCode(ref MessagePackReader reader) => reader.TryReadNil() ? null : reader.ReadInt32();

    /// <summary>Writes an enumeration code (int, already mapped by the table) or nil.</summary>
    public static void WriteCode(ref MessagePackWriter writer, int? code)
    {
        if (code is { } value)
        {
            writer.Write(value);
        }
        else
        {
            writer.WriteNil();
        }
    }

    /// <summary>Reads a boolean or nil.</summary>
    public static bool? ReadBoolean(ref MessagePackReader reader) => reader.TryReadNil() ? null : reader.ReadBoolean();

    /// <summary>Writes a boolean or nil.</summary>
    public static void WriteBoolean(ref MessagePackWriter writer, bool? value)
    {
        if (value is { } flag)
        {
            writer.Write(flag);
        }
        else
        {
            writer.WriteNil();
        }
    }

    // ---------------------------------------------------------------- errors

    /// <summary>
    /// Whether <paramref name="exception"/> is one MessagePack throws for malformed input (and so is the sender's fault,
    /// not ours): its own <see cref="MessagePackSerializationException"/> (which <see cref="IsoWireException"/> derives
    /// from), <see cref="EndOfStreamException"/> for truncated input and length headers larger than what remains,
    /// <see cref="OverflowException"/> for an integer too large for its field, and
    /// <see cref="InsufficientExecutionStackException"/> from the object graph depth limit. Anything else is a bug and is
    /// left to propagate.
    /// </summary>
    public static bool IsMalformed(Exception exception) =>
        exception is MessagePackSerializationException or EndOfStreamException or OverflowException or InsufficientExecutionStackException;

    /// <summary>Wraps a failure inside field <paramref name="index"/> of a record whose positions are named by <paramref name="fields"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IsoWireException AtField(Exception exception, string[] fields, int index) =>
        Prefix(exception, index >= 0 && index < fields.Length
            ? fields[index]
            : string.Create(CultureInfo.InvariantCulture, $"<position {index}>"));

    /// <summary>Prefixes the path of a failure with <paramref name="segment"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IsoWireException Prefix(Exception exception, string segment)
    {
        if (exception is IsoWireException wire)
        {
            var path = wire.FieldPath.Length == 0 ? segment
                : wire.FieldPath[0] == '[' ? segment + wire.FieldPath
                : segment + "." + wire.FieldPath;
            return new IsoWireException(path, wire.Rule, wire.InnerException);
        }

        return new IsoWireException(segment, Describe(exception), exception);
    }

    /// <summary>Turns any malformed-input exception into an <see cref="IsoWireException"/> for the frame itself.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IsoWireException AsWireException(Exception exception) =>
        exception as IsoWireException ?? new IsoWireException(string.Empty, Describe(exception), exception);

    /// <summary>A wire rule broken at the current position; enclosing formatters add the path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IsoWireException Error(string rule) => new(string.Empty, rule, null);

    /// <summary>A model value the wire format cannot carry: a programmer error on the writing side.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException InvalidModel(string rule) => new("Cannot write this model as MessagePack: " + rule);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IsoWireException AtIndex(Exception exception, int index) =>
        Prefix(exception, string.Create(CultureInfo.InvariantCulture, $"[{index}]"));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IsoWireException Unexpected(string expected, byte code) =>
        Error(string.Create(CultureInfo.InvariantCulture, $"expected {expected}; got MessagePack type byte 0x{code:x2} ({FormatName(code)})"));

    private static string Describe(Exception exception) => exception switch
    {
        EndOfStreamException => "the input ends inside this value: it is truncated, or a length header claims more bytes or elements than remain",
        OverflowException => "an integer is out of range for this field",
        InsufficientExecutionStackException => "the value is nested more deeply than allowed",
        _ => exception.Message,
    };

    private static string FormatName(byte code) => code switch
    {
        <= MessagePackCode.MaxFixInt or >= MessagePackCode.MinNegativeFixInt => "int",
        >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap => "map",
        >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray => "array",
        >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr => "str",
        MessagePackCode.Nil => "nil",
        MessagePackCode.False or MessagePackCode.True => "bool",
        MessagePackCode.Bin8 or MessagePackCode.Bin16 or MessagePackCode.Bin32 => "bin",
        MessagePackCode.Str8 or MessagePackCode.Str16 or MessagePackCode.Str32 => "str",
        MessagePackCode.Array16 or MessagePackCode.Array32 => "array",
        MessagePackCode.Map16 or MessagePackCode.Map32 => "map",
        MessagePackCode.Float32 or MessagePackCode.Float64 => "float",
        >= MessagePackCode.UInt8 and <= MessagePackCode.Int64 => "int",
        >= MessagePackCode.Ext8 and <= MessagePackCode.Ext32 => "ext",
        >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16 => "ext",
        _ => "never used",
    };

    private static bool IsCanonicalDecimalSyntax(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        var integerStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var integerDigits = i - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && text[integerStart] == '0'))
        {
            return false;
        }

        if (i == text.Length)
        {
            return true;
        }

        if (text[i] != '.')
        {
            return false;
        }

        i++;
        var fractionStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i == text.Length && i > fractionStart;
    }

    private static void Invariant(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Invariant violated: " + message);
        }
    }
}

/// <summary>
/// The position reached in a record's array. <see cref="Next"/> moves on and says whether the writer wrote that
/// position; a shorter array than this reader knows reads the missing positions as nil.
/// </summary>
internal struct FieldCursor
{
    public FieldCursor(int count)
    {
        Count = count;
        Position = 0;
    }

    /// <summary>How many positions the writer wrote.</summary>
    public int Count { get; }

    /// <summary>The next position to read.</summary>
    public int Position { get; set; }

    /// <summary>The position being read, for error paths.</summary>
    public readonly int Current => Position - 1;

    /// <summary>Moves to the next position; true when the writer wrote it.</summary>
    public bool Next() => Position++ < Count;
}
