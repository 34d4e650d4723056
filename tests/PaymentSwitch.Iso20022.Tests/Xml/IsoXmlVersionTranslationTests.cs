using FsCheck;
using FsCheck.Fluent;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Iso20022.Tests.Xml;

/// <summary>
/// Translation between the two supported versions of pacs.008 (.08/.13), pacs.002 (.10/.12) and pacs.004
/// (.09/.10): whatever both versions carry survives the trip, and what only the newer version carries
/// survives a round trip in that version.
/// </summary>
public sealed class IsoXmlVersionTranslationTests
{
    private const int Cases = 100;

    public static TheoryData<MessageVersion, MessageVersion> Translations => new()
    {
        { MessageVersion.Pacs008V08, MessageVersion.Pacs008V13 },
        { MessageVersion.Pacs008V13, MessageVersion.Pacs008V08 },
        { MessageVersion.Pacs002V10, MessageVersion.Pacs002V12 },
        { MessageVersion.Pacs002V12, MessageVersion.Pacs002V10 },
        { MessageVersion.Pacs004V09, MessageVersion.Pacs004V10 },
        { MessageVersion.Pacs004V10, MessageVersion.Pacs004V09 },
    };

    public static TheoryData<MessageVersion> NewerVersions => new(MessageVersion.Pacs008V13, MessageVersion.Pacs002V12, MessageVersion.Pacs004V10);

    [SkippableTheory]
    [MemberData(nameof(Translations))]
    public void Write_CommonFieldsReadAndWrittenInOtherVersion_ReadsBackEqual(MessageVersion from, MessageVersion to)
    {
        SharedFiles.RequireOrSkip();
        var messages = Arb.From(IsoGenerators.Message(from.Kind(), includeNewerVersionFields: false));

        Prop.ForAll(messages, original =>
            {
                var first = RoundTrip.WriteValidateRead(original, from);
                var second = RoundTrip.WriteValidateRead(first.Message, to);
                Assert.Equal(original, second.Message);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    [SkippableTheory]
    [MemberData(nameof(NewerVersions))]
    public void Write_NewerOnlyFieldsInNewerVersion_ReadsBackEqual(MessageVersion newer)
    {
        SharedFiles.RequireOrSkip();
        var messages = Arb.From(IsoGenerators.Message(newer.Kind(), includeNewerVersionFields: true));

        Prop.ForAll(messages, message => { RoundTrip.WriteValidateRead(message, newer); })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    [SkippableTheory]
    [MemberData(nameof(NewerVersions))]
    public void WriteDetailed_NewerOnlyFieldsInOlderVersion_StaysSchemaValidAndNothingIsLostSilently(MessageVersion newer)
    {
        // A message that uses fields the older schema lacks must still be written as a valid older document;
        // whatever cannot be carried is reported in Omitted, and when nothing is reported nothing may be lost.
        SharedFiles.RequireOrSkip();
        var older = MessageVersions.VersionsOf(newer.Kind())[0];
        var messages = Arb.From(IsoGenerators.Message(newer.Kind(), includeNewerVersionFields: true));

        Prop.ForAll(messages, message =>
            {
                var written = IsoXml.WriteDetailed(message, older, indent: true);
                var errors = XsdValidator.Validate(written.Xml, older);
                Assert.True(errors.Count == 0, $"{older.Identifier()}: {XsdValidator.Describe(errors)}\n{written.Xml}");
                var read = IsoXml.Read(written.Xml);
                Assert.True(read.IsSuccess, string.Join("\n", read.Errors));
                if (written.Omitted.IsEmpty)
                {
                    Assert.True(
                        Equals(message, read.Envelope!.Message),
                        $"{older.Identifier()}: nothing was reported omitted, yet the message changed:\n{ModelDiff.Describe(message, read.Envelope!.Message)}");
                }
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }
}
