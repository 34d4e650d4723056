using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Iso20022.Tests.Xml.Codecs;

/// <summary>Realistic building blocks for the pacs.002, pacs.004 and pacs.028 codec tests.</summary>
internal static class PacsSamples
{
    public static readonly Uetr PaymentUetr = Uetr.FromGuid(Guid.Parse("8a562c67-ca16-48ba-b074-65581be6f011"));
    public static readonly Uetr SecondUetr = Uetr.FromGuid(Guid.Parse("2f1c0f7e-5d3b-4e0a-9b8e-0c6a7d1e3f42"));
    public static readonly DateTimeOffset Created = new(2025, 3, 10, 9, 0, 2, TimeSpan.FromHours(-4));
    public static readonly DateTimeOffset OriginalCreated = new(2025, 3, 10, 9, 0, 0, TimeSpan.FromHours(-4));

    public static Agent SwitchAgent => Agent.FromBic(Bic.Parse("PSWTSGSGXXX"));

    public static Agent DebtorAgent => new()
    {
        Bicfi = Bic.Parse("DBSSSGSGXXX"),
        ClearingSystemMember = new ClearingSystemMember { ClearingSystem = CodeOrProprietary.FromCode("SGIBG"), MemberId = "7171" },
        Name = "DBS Bank Ltd",
        PostalAddress = new PostalAddress { StreetName = "Marina Boulevard", BuildingNumber = "12", PostCode = "018982", TownName = "Singapore", Country = CountryCode.SG },
    };

    public static Agent CreditorAgent => new()
    {
        ClearingSystemMember = new ClearingSystemMember { ClearingSystem = CodeOrProprietary.FromCode("USABA"), MemberId = "021151080" },
        Name = "BankA",
        PostalAddress = new PostalAddress { AddressLines = ValueList<string>.Of("66 Avenue A", "Lisle IL 60532") },
    };

    public static OriginalGroupInformation OriginalPacs008 => new()
    {
        OriginalMessageId = "20250310B1QDRCQR000001",
        OriginalMessageNameId = "pacs.008.001.08",
        OriginalCreationDateTime = OriginalCreated,
    };

    public static ReasonInformation Reason(string code, string? text = null) => new()
    {
        Originator = new Party { Name = "PaymentSwitch", Identification = new PartyIdentification { Kind = PartyKind.Organisation, AnyBic = Bic.Parse("PSWTSGSGXXX") } },
        Reason = CodeOrProprietary.FromCode(code),
        AdditionalInformation = text is null ? default : ValueList<string>.Of(text),
    };

    /// <summary>An OrgnlTxRef using every field the model has.</summary>
    public static OriginalTransactionReference FullReference => new()
    {
        InterbankSettlementAmount = new Money(1_500_000, Currency.SGD),
        InstructedAmount = new Money(1_100_000, Currency.USD),
        InterbankSettlementDate = new DateOnly(2025, 3, 10),
        Settlement = new SettlementInformation { Method = SettlementMethod.CLRG, ClearingSystem = CodeOrProprietary.FromProprietary("NEXUS") },
        PaymentType = new PaymentTypeInformation
        {
            InstructionPriority = Priority.HIGH,
            ServiceLevels = ValueList<CodeOrProprietary>.Of(CodeOrProprietary.FromCode("URGP")),
            LocalInstrument = CodeOrProprietary.FromProprietary("CTRC"),
            CategoryPurpose = CodeOrProprietary.FromCode("SUPP"),
        },
        RemittanceInformation = new RemittanceInformation { Unstructured = ValueList<string>.Of("Invoice 2025-0042") },
        UltimateDebtor = new PartyOrAgent { Party = new Party { Name = "Parent Holdings Pte Ltd", CountryOfResidence = CountryCode.SG } },
        Debtor = new PartyOrAgent
        {
            Party = new Party
            {
                Name = "Tan Ah Kow",
                PostalAddress = new PostalAddress { StreetName = "Orchard Road", BuildingNumber = "391", TownName = "Singapore", Country = CountryCode.SG },
                Identification = new PartyIdentification
                {
                    Kind = PartyKind.Person,
                    DateAndPlaceOfBirth = new DateAndPlaceOfBirth { BirthDate = new DateOnly(1980, 5, 17), CityOfBirth = "Singapore", CountryOfBirth = CountryCode.SG },
                },
            },
        },
        DebtorAccount = new Account { Other = new GenericIdentification { Id = "0123456789" }, Currency = Currency.SGD },
        DebtorAgent = DebtorAgent,
        CreditorAgent = CreditorAgent,
        Creditor = new PartyOrAgent { Agent = Agent.FromBic(Bic.Parse("CHASUS33XXX")) },
        CreditorAccount = new Account { Iban = Iban.Parse("GB82WEST12345698765432"), Name = "Corporation A" },
        UltimateCreditor = new PartyOrAgent { Party = new Party { Name = "Corporation A Holdings" } },
        Purpose = CodeOrProprietary.FromCode("GDDS"),
    };

    /// <summary>Writes, validates against the official schema of <paramref name="version"/>, and reads back.</summary>
    public static (string Xml, IsoReadResult Read) RoundTrip(IsoMessage message, MessageVersion version)
    {
        var xml = IsoXml.Write(message, version);
        return (xml, IsoXml.Read(xml));
    }

    public static void AssertSchemaValid(string xml, MessageVersion version)
    {
        SharedFiles.RequireOrSkip();
        var errors = XsdValidator.Validate(xml, version);
        Assert.True(errors.Count == 0, XsdValidator.Describe(errors) + Environment.NewLine + xml);
    }

    /// <summary>Reads every Fedwire sample whose file name contains <paramref name="marker"/>; returns the problems found.</summary>
    public static List<string> ReadFedwireSamples(string marker, MessageKind kind)
    {
        SharedFiles.RequireOrSkip();
        var files = Directory.GetFiles(SharedFiles.FedwireSamplesDirectory, "*.xml")
            .Where(f => Path.GetFileName(f).Contains(marker, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var result = IsoXml.Read(File.ReadAllText(file));
            if (!result.IsSuccess || result.Envelope!.Message.Kind != kind)
            {
                problems.Add($"{Path.GetFileName(file)}: {string.Join("; ", result.Errors)}");
            }
        }

        return problems;
    }

    public static string Errors(IsoReadResult result) => string.Join(Environment.NewLine, result.Errors);
}
