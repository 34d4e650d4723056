using FsCheck;
using FsCheck.Fluent;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.TestKit;

/// <summary>
/// Which schema shapes a generated component must fit. The defaults fit every supported version; the
/// <c>true</c> settings use capabilities that only some newer schemas have.
/// </summary>
/// <param name="PostalAddress27">
/// PostalAddress27 (pacs.008.001.13 only): <c>CareOf</c>, <c>UnitNb</c>, and Max140Text for <c>StrtNm</c>,
/// <c>BldgNm</c>, <c>TwnNm</c>, <c>TwnLctnNm</c>, <c>DstrctNm</c> (PostalAddress24 has no CareOf/UnitNb and 35/70).
/// Also PartyIdentification272 (Max256Text <c>Othr/Id</c>) and the external document-type code lists that replace
/// the DocumentType6Code/DocumentType3Code enumerations.
/// </param>
/// <param name="AccountIdOptional">CashAccount40 (acmt, pacs.008.001.13, pacs.002.001.12 OrgnlTxRef): <c>Id</c> is optional.</param>
public readonly record struct IsoSchemaProfile(bool PostalAddress27, bool AccountIdOptional)
{
    /// <summary>Fits every supported version.</summary>
    public static IsoSchemaProfile Common => default;
}

public static partial class IsoGenerators
{
    // Real values from the ISO 20022 external code sets, mixed with random codes of the right length.
    private static readonly string[] ServiceLevelCodes = ["SEPA", "URGP", "NURG", "SDVA", "G001", "G004", "PRPT"];
    private static readonly string[] LocalInstrumentCodes = ["INST", "CTRC", "SDCL", "B2B", "CORE", "NXS"];
    private static readonly string[] CategoryPurposeCodes = ["CASH", "SALA", "SUPP", "TRAD", "INTC", "CORT", "TREA"];
    private static readonly string[] PurposeCodes = ["GDDS", "SALA", "SUPP", "GIFT", "FAMI", "EDUC", "SCVE", "TAXS"];
    private static readonly string[] CashClearingSystemCodes = ["FDW", "CHI", "TGT", "STG", "SGF", "BTN", "RPP"];
    private static readonly string[] ClearingSystemIdCodes = ["USABA", "GBDSC", "DEBLZ", "INFSC", "AUBSB", "CHBCC", "SGIBG", "THBAT"];
    private static readonly string[] OrganisationSchemeCodes = ["BANK", "CUST", "TXID", "DUNS", "CBID", "EMPL"];
    private static readonly string[] PersonSchemeCodes = ["NIDN", "CCPT", "ARNU", "DRLC", "SOSE", "TXID"];
    private static readonly string[] AccountSchemeCodes = ["BBAN", "CUID", "UPIC", "AIIN"];
    private static readonly string[] CashAccountTypeCodes = ["CACC", "SVGS", "CASH", "TRAN", "LOAN"];
    private static readonly string[] ProxyTypeCodes = ["TELE", "EMAL", "NIDN", "BIZN", "MBNO", "DNAM"];

    // DocumentType6Code and DocumentType3Code are closed enumerations in every schema but pacs.008.001.13.
    private static readonly string[] ReferredDocumentTypeCodes =
        ["MSIN", "CNFA", "DNFA", "CINV", "CREN", "DEBN", "HIRI", "SBIN", "CMCN", "SOAC", "DISP", "BOLD", "VCHR", "AROI", "TSUT", "PUOR"];

    private static readonly string[] CreditorReferenceTypeCodes = ["RADM", "RPIN", "FXDR", "DISP", "PUOR", "SCOR"];

    private static readonly string[] MessageNameIds =
    [
        "pacs.008.001.08", "pacs.008.001.13", "pacs.009.001.08", "pacs.002.001.10", "pacs.004.001.09",
        "pain.001.001.09", "camt.056.001.08", "pacs.028.001.03",
    ];

    private static readonly string[] BusinessServices = ["swift.cbprplus.02", "swift.cbprplus.03", "nexus.ips.01", "fedwire.funds.01"];

    /// <summary>Settlement information (<c>SttlmInf</c>).</summary>
    public static Gen<SettlementInformation> SettlementInformation() =>
        from method in Gen.Elements(Enum.GetValues<SettlementMethod>())
        from clearing in OptionalValue(CodeOrProprietary(ExternalCode(3, CashClearingSystemCodes)))
        select new SettlementInformation { Method = method, ClearingSystem = clearing };

    /// <summary>A postal address with at least one element; CareOf/UnitNb and long names only for PostalAddress27.</summary>
    public static Gen<PostalAddress> PostalAddress(IsoSchemaProfile profile = default)
    {
        var longName = profile.PostalAddress27 ? 140 : 35;
        var street = profile.PostalAddress27 ? 140 : 70;
        var newerOnly =
            from careOf in profile.PostalAddress27 ? Optional(Max140Text(), 1, 2) : Gen.Constant<string?>(null)
            from unit in profile.PostalAddress27 ? Optional(Text(1, 16), 1, 2) : Gen.Constant<string?>(null)
            select (careOf, unit);
        var building =
            from department in Optional(Max70Text(), 1, 2)
            from subDepartment in Optional(Max70Text(), 1, 3)
            from streetName in Optional(Text(1, street), 1, 1)
            from buildingNumber in Optional(Text(1, 16), 1, 2)
            from buildingName in Optional(Text(1, longName), 1, 3)
            from floor in Optional(Max70Text(), 1, 3)
            from postBox in Optional(Text(1, 16), 1, 3)
            from room in Optional(Max70Text(), 1, 3)
            select (department, subDepartment, streetName, buildingNumber, buildingName, floor, postBox, room);
        var town =
            from postCode in Optional(Text(1, 16), 1, 1)
            from townName in Optional(Text(1, longName), 2, 1)
            from townLocation in Optional(Text(1, longName), 1, 3)
            from district in Optional(Text(1, longName), 1, 3)
            from subDivision in Optional(Max35Text(), 1, 3)
            from country in OptionalValue(Country(), 2, 1)
            from lines in Gen.Frequency((3, Gen.Constant(ValueList<string>.Empty)), (1, ListOf(Max70Text(), 1, 7)))
            select (postCode, townName, townLocation, district, subDivision, country, lines);
        return from n in newerOnly
               from b in building
               from t in town
               from fallbackCountry in Country()
               let empty = n.careOf is null && n.unit is null && b.department is null && b.subDepartment is null
                   && b.streetName is null && b.buildingNumber is null && b.buildingName is null && b.floor is null
                   && b.postBox is null && b.room is null && t.postCode is null && t.townName is null
                   && t.townLocation is null && t.district is null && t.subDivision is null && t.country is null
                   && t.lines.IsEmpty
               select new PostalAddress
               {
                   CareOf = n.careOf,
                   Department = b.department,
                   SubDepartment = b.subDepartment,
                   StreetName = b.streetName,
                   BuildingNumber = b.buildingNumber,
                   BuildingName = b.buildingName,
                   Floor = b.floor,
                   UnitNumber = n.unit,
                   PostBox = b.postBox,
                   Room = b.room,
                   PostCode = t.postCode,
                   TownName = t.townName,
                   TownLocationName = t.townLocation,
                   DistrictName = t.district,
                   CountrySubDivision = t.subDivision,
                   Country = empty ? fallbackCountry : t.country,
                   AddressLines = t.lines,
               };
    }

    /// <summary>A clearing-system member id (<c>ClrSysMmbId</c>).</summary>
    public static Gen<ClearingSystemMember> ClearingSystemMember() =>
        from system in OptionalValue(CodeOrProprietary(ExternalCode(5, ClearingSystemIdCodes)), 3, 1)
        from member in Gen.Frequency(
            (2, Gen.ArrayOf(Gen.Elements(Digits), 9).Select(static d => string.Concat(d))),
            (1, Max35Text()))
        select new ClearingSystemMember { ClearingSystem = system, MemberId = member };

    /// <summary>A financial institution (<c>FinInstnId</c>) identified by at least one of BIC, member id, LEI or name.</summary>
    public static Gen<Agent> Agent(IsoSchemaProfile profile = default) =>
        from bic in OptionalValue(Bic(), 3, 1)
        from member in Optional(ClearingSystemMember(), 1, 2)
        from lei in OptionalValue(Lei(), 1, 3)
        from name in Optional(Max140Text(), 1, 2)
        from address in Optional(PostalAddress(profile), 1, 3)
        from fallback in Bic()
        select new Agent
        {
            Bicfi = bic ?? (member is null && lei is null && name is null ? fallback : null),
            ClearingSystemMember = member,
            Lei = lei,
            Name = name,
            PostalAddress = address,
        };

    /// <summary>A generic identification (<c>Othr</c>) with the given id length and scheme codes.</summary>
    public static Gen<GenericIdentification> GenericIdentification(int idMaxLength, params string[] schemeCodes) =>
        from id in Text(1, idMaxLength)
        from scheme in OptionalValue(CodeOrProprietary(ExternalCode(4, schemeCodes)))
        from issuer in Optional(Max35Text(), 1, 2)
        select new GenericIdentification { Id = id, SchemeName = scheme, Issuer = issuer };

    /// <summary>Date and place of birth.</summary>
    public static Gen<DateAndPlaceOfBirth> DateAndPlaceOfBirth() =>
        from birth in Date()
        from province in Optional(Max35Text())
        from city in Max35Text()
        from country in Country()
        select new DateAndPlaceOfBirth { BirthDate = birth, ProvinceOfBirth = province, CityOfBirth = city, CountryOfBirth = country };

    /// <summary>An organisation or person identification with at least one element of its branch.</summary>
    public static Gen<PartyIdentification> PartyIdentification(IsoSchemaProfile profile = default)
    {
        // Othr/Id is Max35Text in GenericOrganisationIdentification1/GenericPersonIdentification1, Max256Text in the .13 types.
        var idMax = profile.PostalAddress27 ? 256 : 35;
        var organisation =
            from anyBic in OptionalValue(Bic())
            from lei in OptionalValue(Lei())
            from others in ListOf(GenericIdentification(idMax, OrganisationSchemeCodes), 0, 2)
            from fallback in Bic()
            select new PartyIdentification
            {
                Kind = PartyKind.Organisation,
                AnyBic = anyBic ?? (lei is null && others.IsEmpty ? fallback : null),
                Lei = lei,
                Other = others,
            };
        var person =
            from birth in Optional(DateAndPlaceOfBirth())
            from others in ListOf(GenericIdentification(idMax, PersonSchemeCodes), 0, 2)
            from fallback in GenericIdentification(idMax, PersonSchemeCodes)
            select new PartyIdentification
            {
                Kind = PartyKind.Person,
                DateAndPlaceOfBirth = birth,
                Other = birth is null && others.IsEmpty ? ValueList<GenericIdentification>.Of(fallback) : others,
            };
        return Gen.OneOf(organisation, person);
    }

    /// <summary>A party with a name or an identification (or both).</summary>
    public static Gen<Party> Party(IsoSchemaProfile profile = default) =>
        from name in Optional(Max140Text(), 3, 1)
        from address in Optional(PostalAddress(profile), 1, 2)
        from identification in Optional(PartyIdentification(profile), 1, 2)
        from residence in OptionalValue(Country(), 1, 3)
        from fallbackName in Max140Text()
        select new Party
        {
            Name = name ?? (identification is null ? fallbackName : null),
            PostalAddress = address,
            Identification = identification,
            CountryOfResidence = residence,
        };

    /// <summary>A party or an agent (<c>Party40Choice</c>): exactly one is set.</summary>
    public static Gen<PartyOrAgent> PartyOrAgent(IsoSchemaProfile profile = default) => Gen.OneOf(
        Party(profile).Select(static p => new PartyOrAgent { Party = p }),
        Agent(profile).Select(static a => new PartyOrAgent { Agent = a }));

    /// <summary>An account proxy: a mobile number, an e-mail address, a national id or free text up to Max2048Text.</summary>
    public static Gen<Proxy> Proxy() =>
        from type in OptionalValue(CodeOrProprietary(ExternalCode(4, ProxyTypeCodes)), 3, 1)
        from id in Gen.Frequency(
            (3, from digits in Gen.ArrayOf(Gen.Elements(Digits), 8) select "+65" + string.Concat(digits)),
            (2, from user in Text(1, 20) select user.Replace(" ", string.Empty, StringComparison.Ordinal) + "@example.com"),
            (1, Text(1, 2048)))
        select new Proxy { Type = type, Id = id };

    /// <summary>
    /// A cash account identified by IBAN or <c>Othr</c> (Max34Text id). With
    /// <see cref="IsoSchemaProfile.AccountIdOptional"/> (CashAccount40) the id may be absent; the account then has a proxy.
    /// </summary>
    public static Gen<Account> Account(IsoSchemaProfile profile = default)
    {
        var choices = new List<(int, Gen<(Iban?, GenericIdentification?)>)>
        {
            (3, Iban().Select(static i => ((Iban?)i, (GenericIdentification?)null))),
            (2, GenericIdentification(34, AccountSchemeCodes).Select(static o => ((Iban?)null, (GenericIdentification?)o))),
        };
        if (profile.AccountIdOptional)
        {
            choices.Add((2, Gen.Constant(((Iban?)null, (GenericIdentification?)null))));
        }

        var idChoice = Gen.Frequency(choices);
        return from id in idChoice
               from type in OptionalValue(CodeOrProprietary(ExternalCode(4, CashAccountTypeCodes)), 1, 2)
               from currency in OptionalValue(Currency(), 1, 2)
               from name in Optional(Max70Text(), 1, 2)
               from proxy in Optional(Proxy(), 1, 2)
               from fallbackProxy in Proxy()
               select new Account
               {
                   Iban = id.Item1,
                   Other = id.Item2,
                   Type = type,
                   Currency = currency,
                   Name = name,
                   Proxy = proxy ?? (id.Item1 is null && id.Item2 is null ? fallbackProxy : null),
               };
    }

    /// <summary>Payment identification (<c>PmtId</c>).</summary>
    public static Gen<PaymentIdentification> PaymentIdentification() =>
        from instruction in Optional(Max35Text())
        from endToEnd in Gen.Frequency((1, Gen.Constant("NOTPROVIDED")), (6, Max35Text()))
        from transaction in Optional(Max35Text())
        from uetr in OptionalValue(Uetr(), 3, 1)
        from clearingReference in Optional(Max35Text(), 1, 3)
        select new PaymentIdentification
        {
            InstructionId = instruction,
            EndToEndId = endToEnd,
            TransactionId = transaction,
            Uetr = uetr,
            ClearingSystemReference = clearingReference,
        };

    /// <summary>Payment type information with at least one element.</summary>
    public static Gen<PaymentTypeInformation> PaymentTypeInformation() =>
        from priority in OptionalValue(Gen.Elements(Enum.GetValues<Priority>()))
        from serviceLevels in ListOf(CodeOrProprietary(ExternalCode(4, ServiceLevelCodes)), 0, 3)
        from localInstrument in OptionalValue(CodeOrProprietary(ExternalCode(4, LocalInstrumentCodes)))
        from categoryPurpose in OptionalValue(CodeOrProprietary(ExternalCode(4, CategoryPurposeCodes)))
        from fallback in Gen.Elements(Enum.GetValues<Priority>())
        select new PaymentTypeInformation
        {
            InstructionPriority = priority ?? (serviceLevels.IsEmpty && localInstrument is null && categoryPurpose is null ? fallback : null),
            ServiceLevels = serviceLevels,
            LocalInstrument = localInstrument,
            CategoryPurpose = categoryPurpose,
        };

    /// <summary>A charge taken by an agent.</summary>
    public static Gen<Charge> Charge(IsoSchemaProfile profile = default) =>
        from amount in Money()
        from agent in Agent(profile)
        select new Charge { Amount = amount, Agent = agent };

    /// <summary>A regulatory authority with a name or a country (or both).</summary>
    public static Gen<RegulatoryAuthority> RegulatoryAuthority() =>
        from name in Optional(Max140Text())
        from country in OptionalValue(Country())
        from fallback in Country()
        select new RegulatoryAuthority { Name = name, Country = country ?? (name is null ? fallback : null) };

    /// <summary>One regulatory reporting detail with at least one element.</summary>
    public static Gen<RegulatoryReportingDetail> RegulatoryReportingDetail() =>
        from type in Optional(Max35Text())
        from date in OptionalValue(Date())
        from country in OptionalValue(Country())
        from code in Optional(Text(1, 10))
        from amount in OptionalValue(Money())
        from information in ListOf(Max35Text(), 0, 3)
        from fallback in Text(1, 10)
        select new RegulatoryReportingDetail
        {
            Type = type,
            Date = date,
            Country = country,
            Code = code ?? (type is null && date is null && country is null && amount is null && information.IsEmpty ? fallback : null),
            Amount = amount,
            Information = information,
        };

    /// <summary>Regulatory reporting with at least one element.</summary>
    public static Gen<RegulatoryReporting> RegulatoryReporting() =>
        from side in OptionalValue(Gen.Elements(Enum.GetValues<RegulatoryReportingSide>()))
        from authority in Optional(RegulatoryAuthority())
        from details in ListOf(RegulatoryReportingDetail(), 0, 2)
        from fallback in Gen.Elements(Enum.GetValues<RegulatoryReportingSide>())
        select new RegulatoryReporting
        {
            Side = side ?? (authority is null && details.IsEmpty ? fallback : null),
            Authority = authority,
            Details = details,
        };

    /// <summary>A referred document (invoice, credit note, ...) with at least one element.</summary>
    public static Gen<ReferredDocument> ReferredDocument(IsoSchemaProfile profile = default) =>
        from type in OptionalValue(CodeOrProprietary(profile.PostalAddress27 ? ExternalCode(4, ReferredDocumentTypeCodes) : Gen.Elements(ReferredDocumentTypeCodes)))
        from issuer in Optional(Max35Text(), 1, 2)
        from number in Optional(Max35Text(), 2, 1)
        from date in OptionalValue(Date())
        from fallback in Max35Text()
        select new ReferredDocument
        {
            Type = type,

            // Issr lives inside Tp, next to the mandatory CdOrPrtry, so it needs a type.
            TypeIssuer = type is null ? null : issuer,
            Number = number ?? (type is null && date is null ? fallback : null),
            RelatedDate = date,
        };

    /// <summary>A creditor reference with at least one element.</summary>
    public static Gen<CreditorReference> CreditorReference(IsoSchemaProfile profile = default) =>
        from type in OptionalValue(CodeOrProprietary(profile.PostalAddress27 ? ExternalCode(4, CreditorReferenceTypeCodes) : Gen.Elements(CreditorReferenceTypeCodes)))
        from issuer in Optional(Max35Text(), 1, 2)
        from reference in Optional(Max35Text(), 3, 1)
        from fallback in Max35Text()
        select new CreditorReference
        {
            Type = type,
            TypeIssuer = type is null ? null : issuer,
            Reference = reference ?? (type is null ? fallback : null),
        };

    /// <summary>Structured remittance information with at least one element.</summary>
    public static Gen<StructuredRemittance> StructuredRemittance(IsoSchemaProfile profile = default) =>
        from documents in ListOf(ReferredDocument(profile), 0, 2)
        from duePayable in OptionalValue(Money(), 1, 2)
        from remitted in OptionalValue(Money(), 1, 2)
        from creditorReference in Optional(CreditorReference(profile), 1, 2)
        from invoicer in Optional(Party(profile), 1, 3)
        from invoicee in Optional(Party(profile), 1, 3)
        from additional in ListOf(Max140Text(), 0, 3)
        from fallback in Max140Text()
        let empty = documents.IsEmpty && duePayable is null && remitted is null && creditorReference is null
            && invoicer is null && invoicee is null && additional.IsEmpty
        select new StructuredRemittance
        {
            ReferredDocuments = documents,
            DuePayableAmount = duePayable,
            RemittedAmount = remitted,
            CreditorReference = creditorReference,
            Invoicer = invoicer,
            Invoicee = invoicee,
            AdditionalInformation = empty ? ValueList<string>.Of(fallback) : additional,
        };

    /// <summary>Remittance information with at least one unstructured line or structured block.</summary>
    public static Gen<RemittanceInformation> RemittanceInformation(IsoSchemaProfile profile = default) =>
        from unstructured in ListOf(Max140Text(), 0, 2)
        from structured in ListOf(StructuredRemittance(profile), 0, 2)
        from fallback in Max140Text()
        select new RemittanceInformation
        {
            Unstructured = unstructured.IsEmpty && structured.IsEmpty ? ValueList<string>.Of(fallback) : unstructured,
            Structured = structured,
        };

    /// <summary>A reference to an original message.</summary>
    public static Gen<OriginalGroupInformation> OriginalGroupInformation() =>
        from id in Max35Text()
        from name in Gen.Elements(MessageNameIds)
        from created in OptionalValue(DateTime(), 2, 1)
        select new OriginalGroupInformation { OriginalMessageId = id, OriginalMessageNameId = name, OriginalCreationDateTime = created };

    /// <summary>A reason (status, return, cancellation) with at least one element; <c>Cd</c> from <paramref name="codes"/>.</summary>
    public static Gen<ReasonInformation> ReasonInformation(Gen<string> codes) =>
        from originator in Optional(Party(), 1, 3)
        from reason in OptionalValue(CodeOrProprietary(codes), 4, 1)
        from additional in ListOf(Max105Text(), 0, 2)
        from fallback in codes
        select new ReasonInformation
        {
            Originator = originator,
            Reason = reason ?? (originator is null && additional.IsEmpty ? Domain.Iso20022.CodeOrProprietary.FromCode(fallback) : null),
            AdditionalInformation = additional,
        };

    /// <summary>A status reason code that PaymentSwitch knows (AB01 ... TM01).</summary>
    public static Gen<string> StatusReasonCode() =>
        Gen.Elements(Enum.GetValues<StatusReasonCode>().Where(static c => c != Domain.StatusReasonCode.None).Select(StatusReasons.ToCode).ToArray());

    /// <summary>
    /// Key elements of an original transaction, with at least one element. Accounts follow
    /// <paramref name="profile"/>: CashAccount40 in pacs.002.001.12, CashAccount38 everywhere else.
    /// </summary>
    public static Gen<OriginalTransactionReference> OriginalTransactionReference(IsoSchemaProfile profile = default)
    {
        // Agents, parties and addresses inside OrgnlTxRef are PostalAddress24 in every schema that has OrgnlTxRef.
        var accountProfile = profile with { PostalAddress27 = false };
        var amounts =
            from settlementAmount in OptionalValue(Money(), 2, 1)
            from instructedAmount in OptionalValue(Money(), 1, 2)
            from settlementDate in OptionalValue(Date())
            from settlement in Optional(SettlementInformation(), 1, 2)
            from paymentType in Optional(PaymentTypeInformation(), 1, 2)
            from remittance in Optional(RemittanceInformation(), 1, 3)
            from purpose in OptionalValue(CodeOrProprietary(ExternalCode(4, PurposeCodes)), 1, 3)
            select (settlementAmount, instructedAmount, settlementDate, settlement, paymentType, remittance, purpose);
        var debtorSide =
            from ultimateDebtor in Optional(PartyOrAgent(), 1, 3)
            from debtor in Optional(PartyOrAgent(), 1, 1)
            from debtorAccount in Optional(Account(accountProfile), 1, 2)
            from debtorAgent in Optional(Agent(), 1, 1)
            select (ultimateDebtor, debtor, debtorAccount, debtorAgent);
        var creditorSide =
            from creditorAgent in Optional(Agent(), 1, 1)
            from creditor in Optional(PartyOrAgent(), 1, 1)
            from creditorAccount in Optional(Account(accountProfile), 1, 2)
            from ultimateCreditor in Optional(PartyOrAgent(), 1, 3)
            select (creditorAgent, creditor, creditorAccount, ultimateCreditor);
        return from a in amounts
               from d in debtorSide
               from c in creditorSide
               from fallback in Money()
               let empty = a.settlementAmount is null && a.instructedAmount is null && a.settlementDate is null
                   && a.settlement is null && a.paymentType is null && a.remittance is null && a.purpose is null
                   && d.ultimateDebtor is null && d.debtor is null && d.debtorAccount is null && d.debtorAgent is null
                   && c.creditorAgent is null && c.creditor is null && c.creditorAccount is null && c.ultimateCreditor is null
               select new OriginalTransactionReference
               {
                   InterbankSettlementAmount = a.settlementAmount ?? (empty ? fallback : null),
                   InstructedAmount = a.instructedAmount,
                   InterbankSettlementDate = a.settlementDate,
                   Settlement = a.settlement,
                   PaymentType = a.paymentType,
                   RemittanceInformation = a.remittance,
                   UltimateDebtor = d.ultimateDebtor,
                   Debtor = d.debtor,
                   DebtorAccount = d.debtorAccount,
                   DebtorAgent = d.debtorAgent,
                   CreditorAgent = c.creditorAgent,
                   Creditor = c.creditor,
                   CreditorAccount = c.creditorAccount,
                   UltimateCreditor = c.ultimateCreditor,
                   Purpose = a.purpose,
               };
    }

    /// <summary>A case assignment (camt.056, camt.029, acmt.023, acmt.024).</summary>
    public static Gen<Assignment> Assignment() =>
        from id in Max35Text()
        from assigner in PartyOrAgent()
        from assignee in PartyOrAgent()
        from created in DateTime()
        select new Assignment { Id = id, Assigner = assigner, Assignee = assignee, CreationDateTime = created };

    /// <summary>An investigation case.</summary>
    public static Gen<InvestigationCase> InvestigationCase() =>
        from id in Max35Text()
        from creator in PartyOrAgent()
        select new InvestigationCase { Id = id, Creator = creator };

    /// <summary>The party, account and agent being verified (acmt.023/024, CashAccount40), at least one of them.</summary>
    public static Gen<PartyAndAccount> PartyAndAccount() =>
        from party in Optional(Party(), 1, 1)
        from account in Optional(Account(new IsoSchemaProfile(PostalAddress27: false, AccountIdOptional: true)), 2, 1)
        from agent in Optional(Agent(), 1, 2)
        from fallback in Account(new IsoSchemaProfile(PostalAddress27: false, AccountIdOptional: true))
        select new PartyAndAccount { Party = party, Account = account ?? (party is null && agent is null ? fallback : null), Agent = agent };

    /// <summary>
    /// A business application header (head.001.001.02). <c>MsgDefIdr</c> names <paramref name="version"/> when given
    /// (readers may check it against the document), otherwise any supported identifier.
    /// </summary>
    public static Gen<BusinessApplicationHeader> BusinessApplicationHeader(MessageVersion? version = null) =>
        from from_ in Agent()
        from to in Agent()
        from id in Max35Text()
        from definition in version is { } v ? Gen.Constant(v.Identifier()) : Gen.Elements(MessageVersions.All.Select(static x => x.Identifier()).ToArray())
        from service in Optional(Gen.Frequency((3, Gen.Elements(BusinessServices)), (1, Max35Text())))
        from created in DateTime()
        from duplicate in OptionalValue(Gen.Elements(true, false), 1, 2)
        from priority in OptionalValue(Gen.Elements(Enum.GetValues<Priority>()), 1, 2)
        select new BusinessApplicationHeader
        {
            From = from_,
            To = to,
            BusinessMessageId = id,
            MessageDefinitionId = definition,
            BusinessService = service,
            CreationDate = created,
            PossibleDuplicate = duplicate,
            Priority = priority,
        };
}
