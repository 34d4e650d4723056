using FsCheck;
using FsCheck.Fluent;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Iso20022.Tests.Xml;

/// <summary>
/// For every supported message version: any message the model can hold (as the generators build it, valid
/// against that version's schema) is written as XML that the official XSD accepts, and reads back equal,
/// with or without a business application header.
/// </summary>
public sealed class IsoXmlRoundTripTests
{
    // 100 generated messages per version and per test: 11 versions x 2 tests = 2,200 documents per run.
    private const int CasesPerVersion = 100;

    public static TheoryData<MessageVersion> Versions => new(MessageVersions.All);

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void Write_GeneratedMessage_IsSchemaValidAndReadsBackEqual(MessageVersion version)
    {
        SharedFiles.RequireOrSkip();
        var messages = Arb.From(IsoGenerators.ForVersion(version));

        Prop.ForAll(messages, message => { RoundTrip.WriteValidateRead(message, version); })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(CasesPerVersion));
    }

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void Write_GeneratedMessageWithHeader_IsSchemaValidAndReadsBackEqualWithHeader(MessageVersion version)
    {
        SharedFiles.RequireOrSkip();
        var envelopes = Arb.From(
            from message in IsoGenerators.ForVersion(version)
            from header in IsoGenerators.BusinessApplicationHeader(version)
            select new IsoEnvelope(version, header, message));

        Prop.ForAll(envelopes, envelope => { RoundTrip.WriteValidateRead(envelope.Message, version, envelope.Header); })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(CasesPerVersion));
    }

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void Write_Twice_GivesIdenticalXml(MessageVersion version)
    {
        // The writer is a pure function of the message: no clock, no random ids, no dictionary-order effects.
        SharedFiles.RequireOrSkip();
        var envelopes = Arb.From(IsoGenerators.Envelope(version));

        Prop.ForAll(envelopes, envelope =>
                Assert.Equal(
                    Iso20022.Xml.IsoXml.Write(envelope.Message, version, envelope.Header),
                    Iso20022.Xml.IsoXml.Write(envelope.Message, version, envelope.Header)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(20));
    }
}
