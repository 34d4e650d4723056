using MessagePack;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.MessagePack;

namespace PaymentSwitch.Iso20022.Tests.MessagePack;

/// <summary>
/// Malformed and hostile payloads: each is refused with an error naming the field, never with an exception other than
/// <see cref="IsoWireException"/>, and a length header that lies is refused before anything is allocated for it.
/// </summary>
public sealed class IsoMessagePackBadInputTests
{
    private const int Body = 2;
    private const long OneMegabyte = 1024 * 1024;

    [Fact]
    public void TryDeserialize_EveryTruncationOfAValidMessage_FailsWithoutThrowing()
    {
        var bytes = IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer());

        for (var length = 0; length < bytes.Length; length++)
        {
            var ok = IsoMessagePack.TryDeserialize(bytes.AsMemory(0, length), out var sut, out var error);

            Assert.False(ok, $"a prefix of {length} of {bytes.Length} bytes was accepted");
            Assert.Null(sut);
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Fact]
    public void TryDeserialize_Empty_FailsSayingTheInputEnds()
    {
        var ok = IsoMessagePack.TryDeserialize(ReadOnlyMemory<byte>.Empty, out _, out var sut);

        Assert.False(ok);
        Assert.Contains("input ends", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_TopLevelMap_FailsSayingAPayloadIsAnArray()
    {
        var bytes = WireTree.Write(new Dictionary<string, int> { ["wireVersion"] = 1 });

        var ok = IsoMessagePack.TryDeserialize(bytes, out _, out var sut);

        Assert.False(ok);
        Assert.Contains("is an array [wireVersion, kind, body", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_InvalidBicInDebtorAgent_FailsNamingTheFieldAndTheRule()
    {
        var tree = WireTree.Parse(IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer()));
        var transaction = (object?[])WireTree.At(tree, Body, 1)[0]!;
        ((object?[])transaction[19]!)[0] = "DBSS1GSGXXX";

        var ok = IsoMessagePack.TryDeserialize(WireTree.Write(tree), out _, out var sut);

        Assert.False(ok);
        Assert.Equal(
            "CustomerCreditTransfer.Transactions[0].DebtorAgent.Bicfi: BIC character 5 must be an upper-case letter A-Z; got '1' in 'DBSS1GSGXXX'",
            sut);
    }

    // A four-character marker that the test swaps for invalid UTF-8 after writing (the tree writer only writes valid text).
    private const string InvalidUtf8Marker = "~~~~";

    public static TheoryData<string, Action<object?[]>, string> InvalidValues => new()
    {
        // A change to the pacs.008 transaction's array (positions as in docs/wire-format.md) and the expected error.
        { "BIC too long", t => SetIn(t, [19, 0], "DBSSSGSGXXXX"), "DebtorAgent.Bicfi: BIC must be at most 11 characters; got 12 bytes" },
        { "LEI check digits", t => SetIn(t, [19, 2], "5493001KJTIIGC8Y1R13"), "DebtorAgent.Lei: LEI check digits do not verify" },
        { "IBAN check digits", t => SetIn(t, [12, 0], "GB83WEST12345698765432"), "IntermediaryAgent1Account.Iban: " },
        { "currency", t => SetIn(t, [2, 1], "XXX"), "InterbankSettlementAmount.Currency: currency 'XXX' is not an active ISO 4217 code" },
        { "currency lower case", t => SetIn(t, [2, 1], "sgd"), "InterbankSettlementAmount.Currency: currency 'sgd'" },
        { "amount of 19 digits", t => SetIn(t, [2, 0], 1_000_000_000_000_000_000L), "InterbankSettlementAmount.AmountMinor: amount 1000000000000000000 minor units has more than 18 digits" },
        { "amount as text", t => SetIn(t, [2, 0], "100"), "InterbankSettlementAmount.AmountMinor: " },
        { "amount absent", t => t[2] = new object?[] { null, "SGD" }, "InterbankSettlementAmount.AmountMinor: is required" },
        { "country", t => SetIn(t, [23, 3], "ZZ"), "Creditor.CountryOfResidence: country code 'ZZ' is not an assigned" },
        { "charge bearer", t => t[7] = 9, "ChargeBearer: unknown charge bearer code 9; this reader knows 0..3" },
        { "charge bearer too large", t => t[7] = long.MaxValue, "ChargeBearer: an integer is out of range" },
        { "party kind", t => SetIn(t, [15, 2, 0], 5), "UltimateDebtor.Identification.Kind: unknown party kind code 5" },
        { "date", t => t[3] = -1, "InterbankSettlementDate: day number -1 is outside" },
        { "date-time offset", t => SetIn(t, [4, 1], 900), "AcceptanceDateTime: UTC offset 900 minutes is outside -840..840" },
        { "date-time ticks", t => SetIn(t, [4, 0], long.MaxValue), "AcceptanceDateTime: utcTicks 9223372036854775807" },
        { "date-time short", t => t[4] = new object?[] { 1L }, "AcceptanceDateTime: date-time needs [utcTicks, offsetMinutes]; offsetMinutes is nil or absent" },
        { "exchange rate exponent", t => t[6] = "2.6E1", "ExchangeRate: '2.6E1' is not a decimal" },
        { "exchange rate leading zero", t => t[6] = "026.7", "ExchangeRate: '026.7' is not a decimal" },
        { "exchange rate too precise", t => t[6] = "0.12345678901234567890123456789", "ExchangeRate: '0.12345678901234567890123456789' cannot be held exactly" },
        { "exchange rate as number", t => t[6] = 26, "ExchangeRate: expected a string (str) or nil; got MessagePack type byte 0xd2 (int)" },
        { "UETR as text", t => SetIn(t, [0, 3], "8a562c67-ca16-48ba-b074-65581be6f001"), "PaymentId.Uetr: expected a UETR as bin (16 bytes) or nil" },
        { "UETR version 1", t => SetIn(t, [0, 3], Convert.FromHexString("8a562c67ca1618bab07465581be6f001")), "PaymentId.Uetr: UETR must be a version 4 UUID; its version nibble is 1" },
        { "UETR variant", t => SetIn(t, [0, 3], Convert.FromHexString("8a562c67ca1648ba307465581be6f001")), "PaymentId.Uetr: UETR must have the RFC 4122 variant" },
        { "UETR 15 bytes", t => SetIn(t, [0, 3], new byte[15]), "PaymentId.Uetr: UETR must be exactly 16 bytes; got 15" },
        { "code and proprietary", t => t[26] = new object?[] { "SUPP", "ALSO" }, "Purpose: exactly one of Code (position 0) and Proprietary (position 1) must be a string" },
        { "neither code nor proprietary", t => t[26] = new object?[] { null, null }, "Purpose: exactly one of Code" },
        { "nil list item", t => t[8] = new object?[] { null }, "Charges[0]: list items must not be nil" },
        { "invalid item in list", t => SetIn(t, [8, 1, 0, 1], "EUR1"), "Charges[1].Amount.Currency: currency must be at most 3 characters; got 4 bytes" },
        { "record as text", t => t[19] = "DBSSSGSGXXX", "DebtorAgent: Unexpected msgpack code" },
        { "list as text", t => SetIn(t, [28, 0], "just text"), "RemittanceInformation.Unstructured: Unexpected msgpack code" },
        { "text as number", t => SetIn(t, [0, 1], 12345), "PaymentId.EndToEndId: expected a string (str) or nil" },
        { "invalid UTF-8", t => SetIn(t, [0, 1], InvalidUtf8Marker), "PaymentId.EndToEndId: text is not valid UTF-8" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void TryDeserialize_InvalidValueInTransaction_FailsNamingFieldAndRule(string what, Action<object?[]> change, string expected)
    {
        var tree = WireTree.Parse(IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer()));
        change((object?[])WireTree.At(tree, Body, 1)[0]!);
        var bytes = WireTree.Write(tree);
        byte[] marker = [0xa4, .. "~~~~"u8];
        if (bytes.AsSpan().IndexOf(marker) is var at and >= 0)
        {
            // fixstr of 4 bytes: 0xc3 starts a two-byte sequence that 0x28 does not continue.
            ((byte[])[0xc3, 0x28, 0x41, 0x41]).CopyTo(bytes, at + 1);
        }

        var ok = IsoMessagePack.TryDeserialize(bytes, out _, out var sut);

        Assert.False(ok, what);
        Assert.NotNull(sut);
        Assert.StartsWith("CustomerCreditTransfer.Transactions[0].", sut, StringComparison.Ordinal);
        Assert.True(sut.Contains(expected, StringComparison.Ordinal), $"'{sut}' does not contain '{expected}'");
    }

    [Fact]
    public void TryDeserialize_TopLevelArrayHeaderClaimingHundredMillionEntries_FailsFastAllocatingLittle()
    {
        // 0xdd = array32, then 100 000 000 big-endian, then a handful of bytes.
        byte[] bytes = [0xdd, 0x05, 0xf5, 0xe1, 0x00, 0x01, 0x00, 0x93];

        AssertFailsAllocatingLittle(bytes, "input ends");
    }

    [Fact]
    public void TryDeserialize_TransactionsHeaderClaimingHundredMillionEntries_FailsFastAllocatingLittle()
    {
        var groupHeader = MessagePackSerializer.Serialize(IsoSamples.Pacs008Header, IsoMessagePack.Options);
        var bytes = WireTree.Raw((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(3);
            writer.Write(1);
            writer.Write(0);
            writer.WriteArrayHeader(2);
            writer.WriteRaw(groupHeader);
            writer.WriteArrayHeader(100_000_000);
            writer.WriteNil();
        });

        var error = AssertFailsAllocatingLittle(bytes, "input ends");

        Assert.StartsWith("CustomerCreditTransfer.Transactions: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_StringHeaderClaimingFourGigabytes_FailsFastAllocatingLittle()
    {
        // A str32 whose length has the top bit set: MessagePack's own string reader would see a negative length.
        var bytes = WireTree.Raw((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(3);
            writer.Write(1);
            writer.Write(0);
            writer.WriteArrayHeader(2);
            writer.WriteArrayHeader(2);
            writer.WriteRaw([0xdb, 0xff, 0xff, 0xff, 0xff, 0x41]);
        });

        var error = AssertFailsAllocatingLittle(bytes, "text is 4294967295 bytes long; at most 8192 are allowed");

        Assert.StartsWith("CustomerCreditTransfer.GroupHeader.MessageId: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_ArrayHeaderWithTopBitSet_FailsFastAllocatingLittle()
    {
        // array32 with count 0x80000000, int.MinValue when read as a signed count.
        byte[] bytes = [0xdd, 0x80, 0x00, 0x00, 0x00];

        AssertFailsAllocatingLittle(bytes, "input ends");
    }

    [Fact]
    public void TryDeserialize_ListLongerThanItsLimit_FailsBeforeReadingItems()
    {
        var bytes = WireTree.Raw((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(3);
            writer.Write(1);
            writer.Write(6);
            writer.WriteArrayHeader(2);
            writer.WriteRaw(MessagePackSerializer.Serialize(IsoSamples.DbsToKasikorn("A"), IsoMessagePack.Options));
            writer.WriteArrayHeader(Wire.MaxTransactions + 1);
            for (var i = 0; i <= Wire.MaxTransactions; i++)
            {
                writer.WriteNil();
            }
        });

        var ok = IsoMessagePack.TryDeserialize(bytes, out _, out var sut);

        Assert.False(ok);
        Assert.Equal("IdentificationVerificationRequest.Verifications: list has 10001 items; at most 10000 are allowed", sut);
    }

    [Fact]
    public void TryDeserialize_SkippedFieldHeaderClaimingMoreThanRemains_FailsFast()
    {
        // A newer writer's trailing field on the frame: a map32 claiming 2^32 - 1 pairs.
        var valid = IsoMessagePack.Serialize(IsoSamples.ProxyLookup());
        var bytes = (byte[])[0x96, .. valid.AsSpan(1), 0xc0, 0xc0, 0xdf, 0xff, 0xff, 0xff, 0xff, 0x01];

        var error = AssertFailsAllocatingLittle(bytes, "more elements than bytes remain");

        Assert.StartsWith("<position 5>: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xdb, 0xff, 0xff, 0xff, 0xff, 0x41 })]
    [InlineData(new byte[] { 0xdb, 0x7f, 0xff, 0xff, 0xff, 0x41 })]
    [InlineData(new byte[] { 0xc6, 0xff, 0xff, 0xff, 0xff, 0x41 })]
    [InlineData(new byte[] { 0xc9, 0xff, 0xff, 0xff, 0xff, 0x01, 0x41 })]
    [InlineData(new byte[] { 0xd8, 0x01, 0x41 })]
    [InlineData(new byte[] { 0xdd, 0xff, 0xff, 0xff, 0xff, 0x41 })]
    [InlineData(new byte[] { 0xdf, 0x7f, 0xff, 0xff, 0xff, 0x41 })]
    [InlineData(new byte[] { 0x91, 0x91, 0x9f, 0xc0 })]
    public void TryDeserialize_SkippedTrailingFieldWithLyingLength_FailsFastAllocatingLittle(byte[] field)
    {
        // Lengths with and without the top bit set, for every MessagePack family the skipper must measure.
        var valid = IsoMessagePack.Serialize(IsoSamples.ProxyLookup());
        var bytes = (byte[])[0x96, .. valid.AsSpan(1), 0xc0, 0xc0, .. field];

        var error = AssertFailsAllocatingLittle(bytes, string.Empty);

        Assert.StartsWith("<position 5>: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_SkippedTrailingFieldNestedAMillionDeep_IsSkippedWithoutRecursion()
    {
        // A million nested one-element arrays would overflow the stack of a recursive skipper; it is a valid value,
        // so the message reads fine.
        const int depth = 1_000_000;
        var valid = IsoMessagePack.Serialize(IsoSamples.ProxyLookup());
        var bytes = new byte[valid.Length + depth + 1];
        valid.CopyTo(bytes, 0);
        bytes[0] = 0x94;
        bytes.AsSpan(valid.Length, depth).Fill(0x91);
        bytes[^1] = 0xc0;

        var sut = IsoMessagePack.Deserialize(bytes);

        Assert.Equal(IsoSamples.ProxyLookup(), sut);
    }

    [Fact]
    public void TryDeserialize_NeverUsedTypeByte_FailsNamingIt()
    {
        var valid = IsoMessagePack.Serialize(IsoSamples.ProxyLookup());
        var bytes = (byte[])[0x96, .. valid.AsSpan(1), 0xc0, 0xc0, 0xc1];

        var ok = IsoMessagePack.TryDeserialize(bytes, out _, out var sut);

        Assert.False(ok);
        Assert.Equal("<position 5>: expected a MessagePack value; got MessagePack type byte 0xc1 (never used)", sut);
    }

    [Fact]
    public void TryDeserialize_GarbageBytes_FailsWithoutThrowing()
    {
        // A fixed seed keeps the run reproducible; the FsCheck property covers arbitrary inputs.
        var random = new Random(20261123);
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length > 3)
            {
                // Half of the inputs start with a plausible frame so that the garbage reaches the body readers.
                bytes[0] = (byte)(i % 2 == 0 ? 0x93 : bytes[0]);
                bytes[1] = (byte)(i % 2 == 0 ? 0x01 : bytes[1]);
                bytes[2] = (byte)(i % 2 == 0 ? i % 8 : bytes[2]);
            }

            var ok = IsoMessagePack.TryDeserialize(bytes, out _, out var error);

            Assert.False(ok && error is not null);
        }
    }

    private static string AssertFailsAllocatingLittle(byte[] bytes, string expected)
    {
        // Warm up so that JIT and type initialisation are not counted.
        _ = IsoMessagePack.TryDeserialize(bytes, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ok = IsoMessagePack.TryDeserialize(bytes, out var sut, out var error);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(ok);
        Assert.Null(sut);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.True(allocated < OneMegabyte, $"refusing the payload allocated {allocated} bytes");
        return error;
    }

    private static void SetIn(object?[] record, int[] path, object? value) => WireTree.At(record, path[..^1])[path[^1]] = value;
}
