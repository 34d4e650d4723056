using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.MessagePack;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Iso20022.Tests.MessagePack;

/// <summary>
/// Properties over all inputs: every message the model can hold round-trips, and no byte sequence whatsoever makes
/// <see cref="IsoMessagePack.TryDeserialize(ReadOnlyMemory{byte}, out IsoMessage?, out string?)"/> throw.
/// </summary>
public sealed class IsoMessagePackPropertyTests
{
    // 200 generated messages per kind and per flavour (valid in every version, or using newest-version fields):
    // 8 kinds x 2 x 200 = 3,200 round trips per run.
    private const int MessagesPerKind = 200;

    public static TheoryData<MessageKind, bool> KindsAndFlavours()
    {
        var data = new TheoryData<MessageKind, bool>();
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            data.Add(kind, false);
            data.Add(kind, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndFlavours))]
    public void Serialize_GeneratedMessageOfEachKind_RoundTripsToEqualRecord(MessageKind kind, bool includeNewerVersionFields)
    {
        var messages = Arb.From(IsoGenerators.Message(kind, includeNewerVersionFields));

        Prop.ForAll(messages, sut =>
            {
                var read = IsoMessagePack.Deserialize(IsoMessagePack.Serialize(sut));

                // ModelDiff also catches a changed DateTimeOffset offset, which record equality ignores.
                var differences = ModelDiff.Describe(sut, read);
                Assert.True(sut.Equals(read), differences);
                Assert.Equal("no differences", differences);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(MessagesPerKind));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void SerializeEnvelope_GeneratedEnvelopeOfEachVersion_RoundTripsToEqualEnvelope(MessageVersion version)
    {
        var envelopes = Arb.From(IsoGenerators.Envelope(version));

        Prop.ForAll(envelopes, sut =>
            {
                var read = IsoMessagePack.DeserializeEnvelope(IsoMessagePack.Serialize(sut));

                Assert.Equal("no differences", ModelDiff.Describe(sut, read));
                Assert.Equal(sut, read);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(50));
    }

    public static TheoryData<MessageVersion> Versions => new(MessageVersions.All);

    [Property(MaxTest = 2_000)]
    public void TryDeserialize_ArbitraryBytes_NeverThrows(byte[] bytes)
    {
        var ok = IsoMessagePack.TryDeserialize(bytes, out var message, out var error);

        Assert.True(ok ? message is not null && error is null : message is null && error is not null);
    }

    [Property(MaxTest = 2_000)]
    public void TryDeserialize_ArbitraryBytesAfterAValidFrameHead_NeverThrows(byte kind, byte[] body)
    {
        // [fixarray 3, wire version 1, kind 0..7, ...] so that the garbage reaches the body readers.
        byte[] bytes = [0x93, 0x01, (byte)(kind % 8), .. body];

        var ok = IsoMessagePack.TryDeserialize(bytes, out var message, out var error);

        Assert.True(ok ? message is not null && error is null : message is null && error is not null);
    }

    [Fact]
    public void TryDeserialize_ValidMessagesWithRandomByteChanges_NeverThrows()
    {
        // Mutations of real payloads get much deeper than random bytes: most of the frame stays plausible.
        var mutated =
            from kind in Gen.Elements(Enum.GetValues<MessageKind>())
            from message in IsoGenerators.Message(kind, includeNewerVersionFields: true)
            let bytes = IsoMessagePack.Serialize(message)
            from changes in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, bytes.Length - 1), Gen.Choose(0, 255)), 3)
            from cut in Gen.Frequency((4, Gen.Constant(bytes.Length)), (1, Gen.Choose(0, bytes.Length)))
            select Mutate(bytes, changes, cut);

        Prop.ForAll(Arb.From(mutated), bytes =>
            {
                var ok = IsoMessagePack.TryDeserialize(bytes, out var message, out var error);
                Assert.True(ok ? message is not null && error is null : message is null && error is not null);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3_000));
    }

    private static byte[] Mutate(byte[] bytes, (int Index, int Value)[] changes, int length)
    {
        var copy = bytes.ToArray();
        foreach (var (index, value) in changes)
        {
            copy[index] = (byte)value;
        }

        return copy[..length];
    }
}
