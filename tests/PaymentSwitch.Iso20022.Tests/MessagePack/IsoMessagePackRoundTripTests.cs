using System.Buffers;
using System.Globalization;
using MessagePack;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;
using PaymentSwitch.Iso20022.MessagePack;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Iso20022.Tests.MessagePack;

public sealed class IsoMessagePackRoundTripTests
{
    public static TheoryData<MessageKind> Kinds => new(Enum.GetValues<MessageKind>());

    [Fact]
    public void Serialize_SgdToThbCreditTransfer_RoundTripsToEqualRecord()
    {
        var sut = IsoSamples.SgdToThbCreditTransfer();

        var read = IsoMessagePack.Deserialize(IsoMessagePack.Serialize(sut));

        Assert.True(sut == (CustomerCreditTransfer)read, ModelDiff.Describe(sut, read));
        Assert.Empty(ModelDiff.Differences(sut, read));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Serialize_HandBuiltMessageOfEachKind_RoundTripsToEqualRecord(MessageKind kind)
    {
        var sut = IsoSamples.Of(kind);

        var read = IsoMessagePack.Deserialize(IsoMessagePack.Serialize(sut));

        Assert.Equal(kind, read.Kind);
        Assert.True(sut.Equals(read), ModelDiff.Describe(sut, read));
        Assert.Empty(ModelDiff.Differences(sut, read));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Serialize_AseanExampleOfEachKind_RoundTripsToEqualRecord(MessageKind kind)
    {
        var sut = AseanExamples.Example(kind, new FixedTime(IsoSamples.Created));

        var read = IsoMessagePack.Deserialize(IsoMessagePack.Serialize(sut));

        Assert.True(sut.Equals(read), ModelDiff.Describe(sut, read));
    }

    [Fact]
    public void Deserialize_CreationDateTimeWithOffset_KeepsInstantAndOffset()
    {
        var sut = IsoSamples.SgdToThbCreditTransfer();

        var read = IsoMessagePack.Deserialize<CustomerCreditTransfer>(IsoMessagePack.Serialize(sut));

        Assert.Equal(IsoSamples.Created.UtcTicks, read.GroupHeader.CreationDateTime.UtcTicks);
        Assert.Equal(TimeSpan.FromHours(8), read.GroupHeader.CreationDateTime.Offset);
        Assert.Equal(IsoSamples.Created.Ticks, read.GroupHeader.CreationDateTime.Ticks);
    }

    [Fact]
    public void Deserialize_ExchangeRateWithTrailingZeros_KeepsScale()
    {
        var sut = IsoSamples.SgdToThbCreditTransfer();

        var read = IsoMessagePack.Deserialize<CustomerCreditTransfer>(IsoMessagePack.Serialize(sut));

        Assert.Equal("26.71235000", read.Transactions[0].ExchangeRate!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SerializeTyped_CustomerCreditTransfer_WritesSameBytesAsUntyped()
    {
        var sut = IsoSamples.SgdToThbCreditTransfer();

        var typed = IsoMessagePack.Serialize<CustomerCreditTransfer>(sut);
        var untyped = IsoMessagePack.Serialize((IsoMessage)sut);
        var buffer = new ArrayBufferWriter<byte>();
        IsoMessagePack.Serialize(buffer, sut);

        Assert.Equal(untyped, typed);
        Assert.Equal(untyped, buffer.WrittenSpan.ToArray());
        Assert.Equal(sut, IsoMessagePack.Deserialize<CustomerCreditTransfer>(typed));
    }

    [Fact]
    public void DeserializeTyped_FrameHoldsAnotherKind_FailsNamingBothKinds()
    {
        var bytes = IsoMessagePack.Serialize(IsoSamples.StatusReport());

        var sut = Assert.Throws<IsoWireException>(() => IsoMessagePack.Deserialize<CustomerCreditTransfer>(bytes));

        Assert.Contains("Pacs002", sut.Message, StringComparison.Ordinal);
        Assert.Contains("Pacs008", sut.Message, StringComparison.Ordinal);
        Assert.Equal("Body", sut.FieldPath);
    }

    [Fact]
    public void Serialize_Uetr_IsBin16InRfc4122ByteOrder()
    {
        var sut = WireTree.Parse(IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer()));

        // Frame position 2 is the body; body 1 the transactions; transaction 0 the payment id; payment id 3 the UETR.
        var transaction = (object?[])WireTree.At(sut, 2, 1)[0]!;
        var uetr = (byte[])((object?[])transaction[0]!)[3]!;

        Assert.Equal(Convert.FromHexString("8a562c67ca1648bab07465581be6f001"), uetr);
    }

    [Fact]
    public void Serialize_MinimalStatusRequest_WritesDocumentedBytes()
    {
        // The worked example of docs/wire-format.md.
        var sut = new PaymentStatusRequest
        {
            GroupHeader = new GroupHeader { MessageId = "M1", CreationDateTime = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)) },
        };

        var bytes = IsoMessagePack.Serialize(sut);

        Assert.Equal(
            "93" + "01" + "03" + "93"
            + "98" + "a2" + "4d31" + "92" + "cf" + "08de48c8b4f80000" + "cd" + "01e0" + "c0" + "c0" + "c0" + "c0" + "c0" + "c0"
            + "90" + "90",
            Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Serialize_Money_IsAmountThenCurrencyCode()
    {
        var sut = new Money(12_345, Currency.SGD);

        var bytes = MessagePackSerializer.Serialize(sut, IsoMessagePack.Options);

        Assert.Equal("92cd3039a3534744", Convert.ToHexStringLower(bytes));
        Assert.Equal(sut, MessagePackSerializer.Deserialize<Money>(bytes, IsoMessagePack.Options));
    }

    [Fact]
    public void MessagePackSerializer_WithOptions_WritesTheSameFrameAsTheFacade()
    {
        var sut = IsoSamples.Recall();

        var bytes = MessagePackSerializer.Serialize<IsoMessage>(sut, IsoMessagePack.Options);

        Assert.Equal(IsoMessagePack.Serialize(sut), bytes);
        Assert.Equal(sut, MessagePackSerializer.Deserialize<IsoMessage>(bytes, IsoMessagePack.Options));
        Assert.Equal(sut, MessagePackSerializer.Deserialize<CancellationRequest>(bytes, IsoMessagePack.Options));
    }

    [Fact]
    public void MessagePackSerializer_InputSplitIntoOneByteSegments_ReadsTheSameMessage()
    {
        // Payloads from a socket may arrive in pieces: every string, header and UETR here straddles a segment boundary.
        var sut = IsoSamples.SgdToThbCreditTransfer();
        var bytes = IsoMessagePack.Serialize(sut);

        var read = MessagePackSerializer.Deserialize<IsoMessage>(OneByteSegments(bytes), IsoMessagePack.Options);

        Assert.True(sut.Equals(read), ModelDiff.Describe(sut, read));
    }

    [Fact]
    public void Resolver_ComponentType_RoundTripsOnItsOwn()
    {
        var sut = IsoSamples.DbsAgent;

        var bytes = MessagePackSerializer.Serialize(sut, IsoMessagePack.Options);

        Assert.Equal(sut, MessagePackSerializer.Deserialize<Agent>(bytes, IsoMessagePack.Options));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SerializeEnvelope_WithAndWithoutHeader_RoundTripsToEqualEnvelope(bool withHeader)
    {
        var sut = new IsoEnvelope(MessageVersion.Pacs008V08, withHeader ? IsoSamples.Header : null, IsoSamples.SgdToThbCreditTransfer());

        var read = IsoMessagePack.DeserializeEnvelope(IsoMessagePack.Serialize(sut));

        Assert.Equal(sut, read);
        Assert.Empty(ModelDiff.Differences(sut, read));
    }

    [Fact]
    public void Deserialize_EnvelopeBytes_ReadsTheMessageAndSkipsVersionAndHeader()
    {
        var sut = new IsoEnvelope(MessageVersion.Camt056V08, IsoSamples.Header, IsoSamples.Recall());

        var read = IsoMessagePack.Deserialize(IsoMessagePack.Serialize(sut));

        Assert.Equal(sut.Message, read);
    }

    [Fact]
    public void DeserializeEnvelope_BareMessage_FailsNamingMessageVersion()
    {
        var bytes = IsoMessagePack.Serialize(IsoSamples.Recall());

        var ok = IsoMessagePack.TryDeserializeEnvelope(bytes, out var sut, out var error);

        Assert.False(ok);
        Assert.Null(sut);
        Assert.StartsWith("MessageVersion: is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeEnvelope_VersionOfAnotherKind_ThrowsArgumentException()
    {
        var sut = new IsoEnvelope(MessageVersion.Pacs002V10, null, IsoSamples.SgdToThbCreditTransfer());

        Assert.Throws<ArgumentException>(() => IsoMessagePack.Serialize(sut));
    }

    [Fact]
    public void Serialize_DefaultBic_ThrowsArgumentException()
    {
        var sut = IsoSamples.SgdToThbCreditTransfer() with
        {
            GroupHeader = IsoSamples.Pacs008Header with { InstructingAgent = new Agent { Bicfi = default(Bic) } },
        };

        var exception = Assert.Throws<ArgumentException>(() => IsoMessagePack.Serialize(sut));

        Assert.Contains("BIC", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_AmountOfNineteenDigits_ThrowsArgumentException()
    {
        var sut = IsoSamples.SgdToThbCreditTransfer() with
        {
            GroupHeader = IsoSamples.Pacs008Header with { TotalInterbankSettlementAmount = new Money(long.MaxValue, Currency.THB) },
        };

        Assert.Throws<ArgumentException>(() => IsoMessagePack.Serialize(sut));
    }

    [Fact]
    public void Serialize_ListOverItsLimit_ThrowsArgumentException()
    {
        var lines = Enumerable.Range(0, 101).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var sut = IsoSamples.SgdToThbCreditTransfer() with
        {
            GroupHeader = IsoSamples.Pacs008Header with
            {
                InstructingAgent = new Agent { PostalAddress = new PostalAddress { AddressLines = lines } },
            },
        };

        Assert.Throws<ArgumentException>(() => IsoMessagePack.Serialize(sut));
    }

    [Fact]
    public void Serialize_EmptyAndDefaultLists_ReadBackAsEmpty()
    {
        var sut = new PaymentStatusReport
        {
            GroupHeader = new GroupHeader { MessageId = "M", CreationDateTime = IsoSamples.Created },
            OriginalGroups = ValueList<OriginalGroupStatus>.Empty,
            Transactions = default,
        };

        var read = (PaymentStatusReport)IsoMessagePack.Deserialize(IsoMessagePack.Serialize(sut));

        Assert.Equal(sut, read);
        Assert.True(read.Transactions.IsEmpty);
    }

    private static ReadOnlySequence<byte> OneByteSegments(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
