using MessagePack;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.MessagePack;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Iso20022.Tests.MessagePack;

/// <summary>
/// Versioning rules of docs/wire-format.md: a reader skips positions a newer writer appended, reads positions an older
/// writer did not write as nil, and refuses a wire version or message kind it does not know.
/// </summary>
public sealed class IsoMessagePackCompatibilityTests
{
    // Frame positions and record positions used below (see the tables in docs/wire-format.md).
    private const int Body = 2;
    private const int GroupHeaderPosition = 0;
    private const int TransactionsPosition = 1;
    private const int DebtorPosition = 17;
    private const int DebtorAgentPosition = 19;
    private const int CreditorPosition = 23;

    // Values of every MessagePack family a newer writer might append: they must all be skipped unread.
    private static readonly object?[] FutureValues =
    [
        42, -7, long.MaxValue, ulong.MaxValue, "a field from the future", true, null, new byte[] { 1, 2, 3 },
        new object?[] { 1, new object?[] { "nested", new object?[] { null } } },
        new Dictionary<object, object?> { ["key"] = new object?[] { 1, 2 }, [7] = "value" },
    ];

    [Fact]
    public void Deserialize_NewerWriterAppendedFieldsToEveryLevel_ReadsTheKnownFieldsAndIgnoresTheRest()
    {
        var expected = IsoSamples.SgdToThbCreditTransfer();
        var tree = WireTree.Parse(IsoMessagePack.Serialize(expected));
        var transaction = (object?[])WireTree.At(tree, Body, TransactionsPosition)[0]!;

        // The frame, the body, the group header and its DateTime, a transaction, its Money, an Agent inside it, a
        // CodeOrProprietary and a list item (a Charge) all grow.
        tree = Append(tree);
        WireTree.Replace(tree, [Body], Append);
        WireTree.Replace(tree, [Body, GroupHeaderPosition], Append);
        WireTree.Replace(tree, [Body, GroupHeaderPosition, 1], Append);
        transaction = Append(transaction);
        transaction[2] = Append((object?[])transaction[2]!);
        transaction[DebtorAgentPosition] = Append((object?[])transaction[DebtorAgentPosition]!);
        transaction[26] = Append((object?[])transaction[26]!);
        var charges = (object?[])transaction[8]!;
        charges[0] = Append((object?[])charges[0]!);
        WireTree.At(tree, Body, TransactionsPosition)[0] = transaction;

        var sut = IsoMessagePack.Deserialize(WireTree.Write(tree));

        Assert.True(expected.Equals(sut), ModelDiff.Describe(expected, sut));
    }

    [Fact]
    public void Deserialize_NewerWriterAppendedFloatAndExtensionValues_SkipsThem()
    {
        // Floats and extension types cannot come from the tree writer, so this record is written by hand:
        // Money [amount, currency, float64, float32, fixext 4, ext8, timestamp ext -1].
        var bytes = WireTree.Raw((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(7);
            writer.Write(12_345L);
            writer.Write("SGD");
            writer.WriteRaw([0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]);
            writer.WriteRaw([0xca, 0x3f, 0xc0, 0, 0]);
            writer.WriteRaw([0xd6, 0x05, 1, 2, 3, 4]);
            writer.WriteRaw([0xc7, 0x03, 0x09, 1, 2, 3]);
            writer.WriteRaw([0xd6, 0xff, 0, 0, 0, 1]);
        });

        var sut = MessagePackSerializer.Deserialize<Domain.Money>(bytes, IsoMessagePack.Options);

        Assert.Equal(new Domain.Money(12_345, Domain.Currency.SGD), sut);
    }

    [Fact]
    public void Deserialize_OlderWriterOmittedTrailingOptionalFields_ReadsThemAsNullOrEmpty()
    {
        var original = IsoSamples.SgdToThbCreditTransfer();
        var tree = WireTree.Parse(IsoMessagePack.Serialize(original));

        // The transaction stops after Creditor, the group header after CreationDateTime, the debtor agent after Bicfi.
        var transactions = WireTree.At(tree, Body, TransactionsPosition);
        var transaction = ((object?[])transactions[0]!)[..(CreditorPosition + 1)];
        transaction[DebtorAgentPosition] = ((object?[])transaction[DebtorAgentPosition]!)[..1];
        transactions[0] = transaction;
        WireTree.Replace(tree, [Body, GroupHeaderPosition], header => header[..2]);

        var sut = IsoMessagePack.Deserialize<CustomerCreditTransfer>(WireTree.Write(tree));

        var expected = original with
        {
            GroupHeader = new GroupHeader { MessageId = original.GroupHeader.MessageId, CreationDateTime = original.GroupHeader.CreationDateTime },
            Transactions = ValueList<CreditTransferTransaction>.Of(original.Transactions[0] with
            {
                DebtorAgent = Agent.FromBic(IsoSamples.Dbs),
                CreditorAccount = null,
                UltimateCreditor = null,
                Purpose = null,
                RegulatoryReporting = default,
                RemittanceInformation = null,
            }),
        };
        Assert.True(expected.Equals(sut), ModelDiff.Describe(expected, sut));
    }

    [Fact]
    public void Deserialize_RequiredFieldAbsent_FailsNamingTheField()
    {
        var tree = WireTree.Parse(IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer()));
        var transactions = WireTree.At(tree, Body, TransactionsPosition);
        transactions[0] = ((object?[])transactions[0]!)[..DebtorPosition];

        var ok = IsoMessagePack.TryDeserialize(WireTree.Write(tree), out _, out var sut);

        Assert.False(ok);
        Assert.Equal("CustomerCreditTransfer.Transactions[0].Debtor: is required but is nil or absent", sut);
    }

    [Fact]
    public void Deserialize_RequiredFieldNil_FailsNamingTheField()
    {
        var tree = WireTree.Parse(IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer()));
        WireTree.At(tree, Body, GroupHeaderPosition)[0] = null;

        var sut = Assert.Throws<IsoWireException>(() => IsoMessagePack.Deserialize(WireTree.Write(tree)));

        Assert.Equal("CustomerCreditTransfer.GroupHeader.MessageId", sut.FieldPath);
        Assert.Equal("is required but is nil or absent", sut.Rule);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(1_000_000)]
    public void Deserialize_UnknownWireVersion_FailsWithClearError(int wireVersion)
    {
        var tree = WireTree.Parse(IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer()));
        tree[0] = wireVersion;

        var sut = Assert.Throws<IsoWireException>(() => IsoMessagePack.Deserialize(WireTree.Write(tree)));

        Assert.Equal(
            $"WireVersion: unsupported wire version {wireVersion}; this reader understands wire version 1 only",
            sut.Message);
    }

    [Fact]
    public void Deserialize_WireVersionTwoWithAnUnknownLayout_FailsOnTheVersionBeforeReadingFurther()
    {
        // A future layout may change everything after position 0; the reader must stop at the version.
        var bytes = WireTree.Write(new object?[] { 2, "anything", new Dictionary<string, int> { ["x"] = 1 } });

        var ok = IsoMessagePack.TryDeserialize(bytes, out _, out var sut);

        Assert.False(ok);
        Assert.StartsWith("WireVersion: unsupported wire version 2", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownMessageKind_FailsWithClearError()
    {
        var tree = WireTree.Parse(IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer()));
        tree[1] = 8;

        var sut = Assert.Throws<IsoWireException>(() => IsoMessagePack.Deserialize(WireTree.Write(tree)));

        Assert.Equal("Kind: unknown message kind code 8; this reader knows 0..7", sut.Message);
    }

    [Fact]
    public void Deserialize_BodyOfAnotherKind_FailsInsideTheBody()
    {
        // Kind says pacs.002 but the body is a pacs.008: the pacs.002 reader finds a group header where it expects
        // a list of original groups.
        var tree = WireTree.Parse(IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer()));
        tree[1] = 1;

        var ok = IsoMessagePack.TryDeserialize(WireTree.Write(tree), out _, out var sut);

        Assert.False(ok);
        Assert.StartsWith("PaymentStatusReport.", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NilForOptionalRecordsAndLists_ReadsNullAndEmpty()
    {
        var tree = WireTree.Parse(IsoMessagePack.Serialize(IsoSamples.StatusReport()));
        WireTree.At(tree, Body)[1] = null;
        var transaction = (object?[])WireTree.At(tree, Body, 2)[0]!;
        transaction[7] = null;
        transaction[12] = null;

        var sut = IsoMessagePack.Deserialize<PaymentStatusReport>(WireTree.Write(tree));

        Assert.True(sut.OriginalGroups.IsEmpty);
        Assert.True(sut.Transactions[0].StatusReasons.IsEmpty);
        Assert.Null(sut.Transactions[0].OriginalTransactionReference);
    }

    [Fact]
    public void Deserialize_BytesAfterTheFrame_Fails()
    {
        var bytes = IsoMessagePack.Serialize(IsoSamples.ProxyLookup()).Append((byte)0xc0).ToArray();

        var ok = IsoMessagePack.TryDeserialize(bytes, out _, out var sut);

        Assert.False(ok);
        Assert.Equal("1 bytes follow the message; a payload holds exactly one frame", sut);
    }

    [Fact]
    public void Deserialize_EnvelopeVersionOfAnotherKind_Fails()
    {
        var tree = WireTree.Parse(IsoMessagePack.Serialize(new IsoEnvelope(MessageVersion.Pacs008V13, null, IsoSamples.SgdToThbCreditTransfer())));
        tree[3] = 2;

        var ok = IsoMessagePack.TryDeserializeEnvelope(WireTree.Write(tree), out _, out var sut);

        Assert.False(ok);
        Assert.StartsWith("MessageVersion: message version pacs.002.001.10 does not belong", sut, StringComparison.Ordinal);
    }

    private static object?[] Append(object?[] record) => [.. record, .. FutureValues];
}
