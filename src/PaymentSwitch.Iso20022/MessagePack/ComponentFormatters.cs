using MessagePack;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.MessagePack;

// Formatters for the components shared by every message (PaymentSwitch.Domain.Iso20022.Components). Each record is a
// MessagePack array whose positions follow the model's property order and never change: a new field is appended at the
// end, so older readers skip it and newer readers read its absence from older writers as nil (docs/wire-format.md).
// RecordFormatter<T> holds that frame; each formatter below says only how its positions are written and read.

/// <summary>
/// <see cref="SettlementInformation"/> (<c>SttlmInf</c>).
/// <code>
/// | pos | field          | wire type             | presence |
/// |   0 | Method         | int: SettlementMethod | required |
/// |   1 | ClearingSystem | CodeOrProprietary     | optional |
/// </code>
/// </summary>
internal sealed class SettlementInformationFormatter : RecordFormatter<SettlementInformation>
{
    public static readonly SettlementInformationFormatter Instance = new();

    internal static readonly string[] Fields = ["Method", "ClearingSystem"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, SettlementInformation value, MessagePackSerializerOptions options)
    {
        WireCodes.Write(ref writer, value.Method);
        CodeOrProprietaryFormatter.Write(ref writer, value.ClearingSystem);
    }

    protected override SettlementInformation ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new SettlementInformation
        {
            Method = Wire.RequiredValue(fields.Next() ? WireCodes.ReadSettlementMethod(ref reader) : null),
            ClearingSystem = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="PostalAddress"/> (<c>PstlAdr</c>).
/// <code>
/// | pos | field              | wire type             | presence          |
/// |   0 | CareOf             | str                   | optional          |
/// |   1 | Department         | str                   | optional          |
/// |   2 | SubDepartment      | str                   | optional          |
/// |   3 | StreetName         | str                   | optional          |
/// |   4 | BuildingNumber     | str                   | optional          |
/// |   5 | BuildingName       | str                   | optional          |
/// |   6 | Floor              | str                   | optional          |
/// |   7 | UnitNumber         | str                   | optional          |
/// |   8 | PostBox            | str                   | optional          |
/// |   9 | Room               | str                   | optional          |
/// |  10 | PostCode           | str                   | optional          |
/// |  11 | TownName           | str                   | optional          |
/// |  12 | TownLocationName   | str                   | optional          |
/// |  13 | DistrictName       | str                   | optional          |
/// |  14 | CountrySubDivision | str                   | optional          |
/// |  15 | Country            | str: ISO 3166 alpha-2 | optional          |
/// |  16 | AddressLines       | array of str, max 100 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class PostalAddressFormatter : RecordFormatter<PostalAddress>
{
    public static readonly PostalAddressFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "CareOf",
        "Department",
        "SubDepartment",
        "StreetName",
        "BuildingNumber",
        "BuildingName",
        "Floor",
        "UnitNumber",
        "PostBox",
        "Room",
        "PostCode",
        "TownName",
        "TownLocationName",
        "DistrictName",
        "CountrySubDivision",
        "Country",
        "AddressLines",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PostalAddress value, MessagePackSerializerOptions options)
    {
        writer.Write(value.CareOf);
        writer.Write(value.Department);
        writer.Write(value.SubDepartment);
        writer.Write(value.StreetName);
        writer.Write(value.BuildingNumber);
        writer.Write(value.BuildingName);
        writer.Write(value.Floor);
        writer.Write(value.UnitNumber);
        writer.Write(value.PostBox);
        writer.Write(value.Room);
        writer.Write(value.PostCode);
        writer.Write(value.TownName);
        writer.Write(value.TownLocationName);
        writer.Write(value.DistrictName);
        writer.Write(value.CountrySubDivision);
        Wire.WriteCountry(ref writer, value.Country);
        Wire.WriteStringList(ref writer, value.AddressLines, Wire.MaxSmallList);
    }

    protected override PostalAddress ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PostalAddress
        {
            CareOf = fields.Next() ? Wire.ReadString(ref reader) : null,
            Department = fields.Next() ? Wire.ReadString(ref reader) : null,
            SubDepartment = fields.Next() ? Wire.ReadString(ref reader) : null,
            StreetName = fields.Next() ? Wire.ReadString(ref reader) : null,
            BuildingNumber = fields.Next() ? Wire.ReadString(ref reader) : null,
            BuildingName = fields.Next() ? Wire.ReadString(ref reader) : null,
            Floor = fields.Next() ? Wire.ReadString(ref reader) : null,
            UnitNumber = fields.Next() ? Wire.ReadString(ref reader) : null,
            PostBox = fields.Next() ? Wire.ReadString(ref reader) : null,
            Room = fields.Next() ? Wire.ReadString(ref reader) : null,
            PostCode = fields.Next() ? Wire.ReadString(ref reader) : null,
            TownName = fields.Next() ? Wire.ReadString(ref reader) : null,
            TownLocationName = fields.Next() ? Wire.ReadString(ref reader) : null,
            DistrictName = fields.Next() ? Wire.ReadString(ref reader) : null,
            CountrySubDivision = fields.Next() ? Wire.ReadString(ref reader) : null,
            Country = fields.Next() ? Wire.ReadCountry(ref reader) : null,
            AddressLines = fields.Next() ? Wire.ReadStringList(ref reader, Wire.MaxSmallList) : default,
        };
}

/// <summary>
/// <see cref="ClearingSystemMember"/> (<c>ClrSysMmbId</c>).
/// <code>
/// | pos | field          | wire type         | presence |
/// |   0 | ClearingSystem | CodeOrProprietary | optional |
/// |   1 | MemberId       | str (interned)    | required |
/// </code>
/// </summary>
internal sealed class ClearingSystemMemberFormatter : RecordFormatter<ClearingSystemMember>
{
    public static readonly ClearingSystemMemberFormatter Instance = new();

    internal static readonly string[] Fields = ["ClearingSystem", "MemberId"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, ClearingSystemMember value, MessagePackSerializerOptions options)
    {
        CodeOrProprietaryFormatter.Write(ref writer, value.ClearingSystem);
        writer.Write(Wire.NotNull(value.MemberId, "ClearingSystemMember.MemberId"));
    }

    protected override ClearingSystemMember ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new ClearingSystemMember
        {
            ClearingSystem = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            MemberId = Wire.Required(fields.Next() ? Wire.ReadInternedString(ref reader) : null),
        };
}

/// <summary>
/// <see cref="Agent"/> (<c>FinInstnId</c>).
/// <code>
/// | pos | field                | wire type               | presence |
/// |   0 | Bicfi                | str: BIC, 8 or 11 chars | optional |
/// |   1 | ClearingSystemMember | ClearingSystemMember    | optional |
/// |   2 | Lei                  | str: LEI, 20 chars      | optional |
/// |   3 | Name                 | str (interned)          | optional |
/// |   4 | PostalAddress        | PostalAddress           | optional |
/// </code>
/// </summary>
internal sealed class AgentFormatter : RecordFormatter<Agent>
{
    public static readonly AgentFormatter Instance = new();

    internal static readonly string[] Fields = ["Bicfi", "ClearingSystemMember", "Lei", "Name", "PostalAddress"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, Agent value, MessagePackSerializerOptions options)
    {
        Wire.WriteBic(ref writer, value.Bicfi);
        ClearingSystemMemberFormatter.Instance.Serialize(ref writer, value.ClearingSystemMember, options);
        Wire.WriteLei(ref writer, value.Lei);
        writer.Write(value.Name);
        PostalAddressFormatter.Instance.Serialize(ref writer, value.PostalAddress, options);
    }

    protected override Agent ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new Agent
        {
            Bicfi = fields.Next() ? Wire.ReadBic(ref reader) : null,
            ClearingSystemMember = fields.Next() ? ClearingSystemMemberFormatter.Instance.Deserialize(ref reader, options) : null,
            Lei = fields.Next() ? Wire.ReadLei(ref reader) : null,
            Name = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
            PostalAddress = fields.Next() ? PostalAddressFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="GenericIdentification"/> (<c>Othr</c>).
/// <code>
/// | pos | field      | wire type         | presence |
/// |   0 | Id         | str               | required |
/// |   1 | SchemeName | CodeOrProprietary | optional |
/// |   2 | Issuer     | str (interned)    | optional |
/// </code>
/// </summary>
internal sealed class GenericIdentificationFormatter : RecordFormatter<GenericIdentification>
{
    public static readonly GenericIdentificationFormatter Instance = new();

    internal static readonly string[] Fields = ["Id", "SchemeName", "Issuer"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, GenericIdentification value, MessagePackSerializerOptions options)
    {
        writer.Write(Wire.NotNull(value.Id, "GenericIdentification.Id"));
        CodeOrProprietaryFormatter.Write(ref writer, value.SchemeName);
        writer.Write(value.Issuer);
    }

    protected override GenericIdentification ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new GenericIdentification
        {
            Id = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            SchemeName = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            Issuer = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
        };
}

/// <summary>
/// <see cref="DateAndPlaceOfBirth"/> (<c>DtAndPlcOfBirth</c>).
/// <code>
/// | pos | field           | wire type             | presence |
/// |   0 | BirthDate       | int: Date             | required |
/// |   1 | ProvinceOfBirth | str                   | optional |
/// |   2 | CityOfBirth     | str                   | required |
/// |   3 | CountryOfBirth  | str: ISO 3166 alpha-2 | required |
/// </code>
/// </summary>
internal sealed class DateAndPlaceOfBirthFormatter : RecordFormatter<DateAndPlaceOfBirth>
{
    public static readonly DateAndPlaceOfBirthFormatter Instance = new();

    internal static readonly string[] Fields = ["BirthDate", "ProvinceOfBirth", "CityOfBirth", "CountryOfBirth"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, DateAndPlaceOfBirth value, MessagePackSerializerOptions options)
    {
        Wire.WriteDate(ref writer, value.BirthDate);
        writer.Write(value.ProvinceOfBirth);
        writer.Write(Wire.NotNull(value.CityOfBirth, "DateAndPlaceOfBirth.CityOfBirth"));
        Wire.WriteCountry(ref writer, value.CountryOfBirth);
    }

    protected override DateAndPlaceOfBirth ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new DateAndPlaceOfBirth
        {
            BirthDate = Wire.RequiredValue(fields.Next() ? Wire.ReadDate(ref reader) : null),
            ProvinceOfBirth = fields.Next() ? Wire.ReadString(ref reader) : null,
            CityOfBirth = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            CountryOfBirth = Wire.RequiredValue(fields.Next() ? Wire.ReadCountry(ref reader) : null),
        };
}

/// <summary>
/// <see cref="PartyIdentification"/> (<c>Id</c>).
/// <code>
/// | pos | field               | wire type                               | presence          |
/// |   0 | Kind                | int: PartyKind                          | required          |
/// |   1 | AnyBic              | str: BIC, 8 or 11 chars                 | optional          |
/// |   2 | Lei                 | str: LEI, 20 chars                      | optional          |
/// |   3 | DateAndPlaceOfBirth | DateAndPlaceOfBirth                     | optional          |
/// |   4 | Other               | array of GenericIdentification, max 100 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class PartyIdentificationFormatter : RecordFormatter<PartyIdentification>
{
    public static readonly PartyIdentificationFormatter Instance = new();

    internal static readonly string[] Fields = ["Kind", "AnyBic", "Lei", "DateAndPlaceOfBirth", "Other"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PartyIdentification value, MessagePackSerializerOptions options)
    {
        WireCodes.Write(ref writer, value.Kind);
        Wire.WriteBic(ref writer, value.AnyBic);
        Wire.WriteLei(ref writer, value.Lei);
        DateAndPlaceOfBirthFormatter.Instance.Serialize(ref writer, value.DateAndPlaceOfBirth, options);
        Wire.WriteList(ref writer, value.Other, GenericIdentificationFormatter.Instance, options, Wire.MaxSmallList);
    }

    protected override PartyIdentification ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PartyIdentification
        {
            Kind = Wire.RequiredValue(fields.Next() ? WireCodes.ReadPartyKind(ref reader) : null),
            AnyBic = fields.Next() ? Wire.ReadBic(ref reader) : null,
            Lei = fields.Next() ? Wire.ReadLei(ref reader) : null,
            DateAndPlaceOfBirth = fields.Next() ? DateAndPlaceOfBirthFormatter.Instance.Deserialize(ref reader, options) : null,
            Other = fields.Next() ? Wire.ReadList(ref reader, options, GenericIdentificationFormatter.Instance, Wire.MaxSmallList) : default,
        };
}

/// <summary>
/// <see cref="Party"/> (<c>PartyIdentification135/272</c>).
/// <code>
/// | pos | field              | wire type             | presence |
/// |   0 | Name               | str                   | optional |
/// |   1 | PostalAddress      | PostalAddress         | optional |
/// |   2 | Identification     | PartyIdentification   | optional |
/// |   3 | CountryOfResidence | str: ISO 3166 alpha-2 | optional |
/// </code>
/// </summary>
internal sealed class PartyFormatter : RecordFormatter<Party>
{
    public static readonly PartyFormatter Instance = new();

    internal static readonly string[] Fields = ["Name", "PostalAddress", "Identification", "CountryOfResidence"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, Party value, MessagePackSerializerOptions options)
    {
        writer.Write(value.Name);
        PostalAddressFormatter.Instance.Serialize(ref writer, value.PostalAddress, options);
        PartyIdentificationFormatter.Instance.Serialize(ref writer, value.Identification, options);
        Wire.WriteCountry(ref writer, value.CountryOfResidence);
    }

    protected override Party ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new Party
        {
            Name = fields.Next() ? Wire.ReadString(ref reader) : null,
            PostalAddress = fields.Next() ? PostalAddressFormatter.Instance.Deserialize(ref reader, options) : null,
            Identification = fields.Next() ? PartyIdentificationFormatter.Instance.Deserialize(ref reader, options) : null,
            CountryOfResidence = fields.Next() ? Wire.ReadCountry(ref reader) : null,
        };
}

/// <summary>
/// <see cref="PartyOrAgent"/> (<c>Party40Choice</c>).
/// <code>
/// | pos | field | wire type | presence |
/// |   0 | Party | Party     | optional |
/// |   1 | Agent | Agent     | optional |
/// </code>
/// </summary>
internal sealed class PartyOrAgentFormatter : RecordFormatter<PartyOrAgent>
{
    public static readonly PartyOrAgentFormatter Instance = new();

    internal static readonly string[] Fields = ["Party", "Agent"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PartyOrAgent value, MessagePackSerializerOptions options)
    {
        PartyFormatter.Instance.Serialize(ref writer, value.Party, options);
        AgentFormatter.Instance.Serialize(ref writer, value.Agent, options);
    }

    protected override PartyOrAgent ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PartyOrAgent
        {
            Party = fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null,
            Agent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="Proxy"/> (<c>Prxy</c>).
/// <code>
/// | pos | field | wire type         | presence |
/// |   0 | Type  | CodeOrProprietary | optional |
/// |   1 | Id    | str               | required |
/// </code>
/// </summary>
internal sealed class ProxyFormatter : RecordFormatter<Proxy>
{
    public static readonly ProxyFormatter Instance = new();

    internal static readonly string[] Fields = ["Type", "Id"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, Proxy value, MessagePackSerializerOptions options)
    {
        CodeOrProprietaryFormatter.Write(ref writer, value.Type);
        writer.Write(Wire.NotNull(value.Id, "Proxy.Id"));
    }

    protected override Proxy ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new Proxy
        {
            Type = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            Id = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
        };
}

/// <summary>
/// <see cref="Account"/> (<c>CashAccount38/40</c>).
/// <code>
/// | pos | field    | wire type                | presence |
/// |   0 | Iban     | str: IBAN, 5 to 34 chars | optional |
/// |   1 | Other    | GenericIdentification    | optional |
/// |   2 | Type     | CodeOrProprietary        | optional |
/// |   3 | Currency | str: ISO 4217 code       | optional |
/// |   4 | Name     | str                      | optional |
/// |   5 | Proxy    | Proxy                    | optional |
/// </code>
/// </summary>
internal sealed class AccountFormatter : RecordFormatter<Account>
{
    public static readonly AccountFormatter Instance = new();

    internal static readonly string[] Fields = ["Iban", "Other", "Type", "Currency", "Name", "Proxy"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, Account value, MessagePackSerializerOptions options)
    {
        Wire.WriteIban(ref writer, value.Iban);
        GenericIdentificationFormatter.Instance.Serialize(ref writer, value.Other, options);
        CodeOrProprietaryFormatter.Write(ref writer, value.Type);
        Wire.WriteCurrency(ref writer, value.Currency);
        writer.Write(value.Name);
        ProxyFormatter.Instance.Serialize(ref writer, value.Proxy, options);
    }

    protected override Account ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new Account
        {
            Iban = fields.Next() ? Wire.ReadIban(ref reader) : null,
            Other = fields.Next() ? GenericIdentificationFormatter.Instance.Deserialize(ref reader, options) : null,
            Type = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            Currency = fields.Next() ? Wire.ReadCurrency(ref reader) : null,
            Name = fields.Next() ? Wire.ReadString(ref reader) : null,
            Proxy = fields.Next() ? ProxyFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="PaymentIdentification"/> (<c>PmtId</c>).
/// <code>
/// | pos | field                   | wire type    | presence |
/// |   0 | InstructionId           | str          | optional |
/// |   1 | EndToEndId              | str          | required |
/// |   2 | TransactionId           | str          | optional |
/// |   3 | Uetr                    | bin 16: UETR | optional |
/// |   4 | ClearingSystemReference | str          | optional |
/// </code>
/// </summary>
internal sealed class PaymentIdentificationFormatter : RecordFormatter<PaymentIdentification>
{
    public static readonly PaymentIdentificationFormatter Instance = new();

    internal static readonly string[] Fields = ["InstructionId", "EndToEndId", "TransactionId", "Uetr", "ClearingSystemReference"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PaymentIdentification value, MessagePackSerializerOptions options)
    {
        writer.Write(value.InstructionId);
        writer.Write(Wire.NotNull(value.EndToEndId, "PaymentIdentification.EndToEndId"));
        writer.Write(value.TransactionId);
        Wire.WriteUetr(ref writer, value.Uetr);
        writer.Write(value.ClearingSystemReference);
    }

    protected override PaymentIdentification ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PaymentIdentification
        {
            InstructionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            EndToEndId = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            TransactionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            Uetr = fields.Next() ? Wire.ReadUetr(ref reader) : null,
            ClearingSystemReference = fields.Next() ? Wire.ReadString(ref reader) : null,
        };
}

/// <summary>
/// <see cref="PaymentTypeInformation"/> (<c>PmtTpInf</c>).
/// <code>
/// | pos | field               | wire type                           | presence          |
/// |   0 | InstructionPriority | int: Priority                       | optional          |
/// |   1 | ServiceLevels       | array of CodeOrProprietary, max 100 | list: nil = empty |
/// |   2 | LocalInstrument     | CodeOrProprietary                   | optional          |
/// |   3 | CategoryPurpose     | CodeOrProprietary                   | optional          |
/// </code>
/// </summary>
internal sealed class PaymentTypeInformationFormatter : RecordFormatter<PaymentTypeInformation>
{
    public static readonly PaymentTypeInformationFormatter Instance = new();

    internal static readonly string[] Fields = ["InstructionPriority", "ServiceLevels", "LocalInstrument", "CategoryPurpose"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PaymentTypeInformation value, MessagePackSerializerOptions options)
    {
        WireCodes.Write(ref writer, value.InstructionPriority);
        Wire.WriteCodeList(ref writer, value.ServiceLevels, Wire.MaxSmallList);
        CodeOrProprietaryFormatter.Write(ref writer, value.LocalInstrument);
        CodeOrProprietaryFormatter.Write(ref writer, value.CategoryPurpose);
    }

    protected override PaymentTypeInformation ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PaymentTypeInformation
        {
            InstructionPriority = fields.Next() ? WireCodes.ReadPriority(ref reader) : null,
            ServiceLevels = fields.Next() ? Wire.ReadCodeList(ref reader, options, Wire.MaxSmallList) : default,
            LocalInstrument = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            CategoryPurpose = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="Charge"/> (<c>ChrgsInf</c>).
/// <code>
/// | pos | field  | wire type | presence |
/// |   0 | Amount | Money     | required |
/// |   1 | Agent  | Agent     | required |
/// </code>
/// </summary>
internal sealed class ChargeFormatter : RecordFormatter<Charge>
{
    public static readonly ChargeFormatter Instance = new();

    internal static readonly string[] Fields = ["Amount", "Agent"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, Charge value, MessagePackSerializerOptions options)
    {
        MoneyFormatter.Write(ref writer, value.Amount);
        AgentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Agent, "Charge.Agent"), options);
    }

    protected override Charge ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new Charge
        {
            Amount = Wire.RequiredValue(fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null),
            Agent = Wire.Required(fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null),
        };
}

/// <summary>
/// <see cref="RegulatoryAuthority"/> (<c>RgltryRptg/Authrty</c>).
/// <code>
/// | pos | field   | wire type             | presence |
/// |   0 | Name    | str (interned)        | optional |
/// |   1 | Country | str: ISO 3166 alpha-2 | optional |
/// </code>
/// </summary>
internal sealed class RegulatoryAuthorityFormatter : RecordFormatter<RegulatoryAuthority>
{
    public static readonly RegulatoryAuthorityFormatter Instance = new();

    internal static readonly string[] Fields = ["Name", "Country"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, RegulatoryAuthority value, MessagePackSerializerOptions options)
    {
        writer.Write(value.Name);
        Wire.WriteCountry(ref writer, value.Country);
    }

    protected override RegulatoryAuthority ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new RegulatoryAuthority
        {
            Name = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
            Country = fields.Next() ? Wire.ReadCountry(ref reader) : null,
        };
}

/// <summary>
/// <see cref="RegulatoryReportingDetail"/> (<c>RgltryRptg/Dtls</c>).
/// <code>
/// | pos | field       | wire type             | presence          |
/// |   0 | Type        | str (interned)        | optional          |
/// |   1 | Date        | int: Date             | optional          |
/// |   2 | Country     | str: ISO 3166 alpha-2 | optional          |
/// |   3 | Code        | str (interned)        | optional          |
/// |   4 | Amount      | Money                 | optional          |
/// |   5 | Information | array of str, max 100 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class RegulatoryReportingDetailFormatter : RecordFormatter<RegulatoryReportingDetail>
{
    public static readonly RegulatoryReportingDetailFormatter Instance = new();

    internal static readonly string[] Fields = ["Type", "Date", "Country", "Code", "Amount", "Information"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, RegulatoryReportingDetail value, MessagePackSerializerOptions options)
    {
        writer.Write(value.Type);
        Wire.WriteDate(ref writer, value.Date);
        Wire.WriteCountry(ref writer, value.Country);
        writer.Write(value.Code);
        MoneyFormatter.Write(ref writer, value.Amount);
        Wire.WriteStringList(ref writer, value.Information, Wire.MaxSmallList);
    }

    protected override RegulatoryReportingDetail ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new RegulatoryReportingDetail
        {
            Type = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
            Date = fields.Next() ? Wire.ReadDate(ref reader) : null,
            Country = fields.Next() ? Wire.ReadCountry(ref reader) : null,
            Code = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
            Amount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            Information = fields.Next() ? Wire.ReadStringList(ref reader, Wire.MaxSmallList) : default,
        };
}

/// <summary>
/// <see cref="RegulatoryReporting"/> (<c>RgltryRptg</c>).
/// <code>
/// | pos | field     | wire type                                   | presence          |
/// |   0 | Side      | int: RegulatoryReportingSide                | optional          |
/// |   1 | Authority | RegulatoryAuthority                         | optional          |
/// |   2 | Details   | array of RegulatoryReportingDetail, max 100 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class RegulatoryReportingFormatter : RecordFormatter<RegulatoryReporting>
{
    public static readonly RegulatoryReportingFormatter Instance = new();

    internal static readonly string[] Fields = ["Side", "Authority", "Details"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, RegulatoryReporting value, MessagePackSerializerOptions options)
    {
        WireCodes.Write(ref writer, value.Side);
        RegulatoryAuthorityFormatter.Instance.Serialize(ref writer, value.Authority, options);
        Wire.WriteList(ref writer, value.Details, RegulatoryReportingDetailFormatter.Instance, options, Wire.MaxSmallList);
    }

    protected override RegulatoryReporting ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new RegulatoryReporting
        {
            Side = fields.Next() ? WireCodes.ReadRegulatoryReportingSide(ref reader) : null,
            Authority = fields.Next() ? RegulatoryAuthorityFormatter.Instance.Deserialize(ref reader, options) : null,
            Details = fields.Next() ? Wire.ReadList(ref reader, options, RegulatoryReportingDetailFormatter.Instance, Wire.MaxSmallList) : default,
        };
}

/// <summary>
/// <see cref="ReferredDocument"/> (<c>RfrdDocInf</c>).
/// <code>
/// | pos | field       | wire type         | presence |
/// |   0 | Type        | CodeOrProprietary | optional |
/// |   1 | TypeIssuer  | str (interned)    | optional |
/// |   2 | Number      | str               | optional |
/// |   3 | RelatedDate | int: Date         | optional |
/// </code>
/// </summary>
internal sealed class ReferredDocumentFormatter : RecordFormatter<ReferredDocument>
{
    public static readonly ReferredDocumentFormatter Instance = new();

    internal static readonly string[] Fields = ["Type", "TypeIssuer", "Number", "RelatedDate"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, ReferredDocument value, MessagePackSerializerOptions options)
    {
        CodeOrProprietaryFormatter.Write(ref writer, value.Type);
        writer.Write(value.TypeIssuer);
        writer.Write(value.Number);
        Wire.WriteDate(ref writer, value.RelatedDate);
    }

    protected override ReferredDocument ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new ReferredDocument
        {
            Type = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            TypeIssuer = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
            Number = fields.Next() ? Wire.ReadString(ref reader) : null,
            RelatedDate = fields.Next() ? Wire.ReadDate(ref reader) : null,
        };
}

/// <summary>
/// <see cref="CreditorReference"/> (<c>CdtrRefInf</c>).
/// <code>
/// | pos | field      | wire type         | presence |
/// |   0 | Type       | CodeOrProprietary | optional |
/// |   1 | TypeIssuer | str (interned)    | optional |
/// |   2 | Reference  | str               | optional |
/// </code>
/// </summary>
internal sealed class CreditorReferenceFormatter : RecordFormatter<CreditorReference>
{
    public static readonly CreditorReferenceFormatter Instance = new();

    internal static readonly string[] Fields = ["Type", "TypeIssuer", "Reference"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, CreditorReference value, MessagePackSerializerOptions options)
    {
        CodeOrProprietaryFormatter.Write(ref writer, value.Type);
        writer.Write(value.TypeIssuer);
        writer.Write(value.Reference);
    }

    protected override CreditorReference ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new CreditorReference
        {
            Type = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            TypeIssuer = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
            Reference = fields.Next() ? Wire.ReadString(ref reader) : null,
        };
}

/// <summary>
/// <see cref="StructuredRemittance"/> (<c>RmtInf/Strd</c>).
/// <code>
/// | pos | field                 | wire type                          | presence          |
/// |   0 | ReferredDocuments     | array of ReferredDocument, max 100 | list: nil = empty |
/// |   1 | DuePayableAmount      | Money                              | optional          |
/// |   2 | RemittedAmount        | Money                              | optional          |
/// |   3 | CreditorReference     | CreditorReference                  | optional          |
/// |   4 | Invoicer              | Party                              | optional          |
/// |   5 | Invoicee              | Party                              | optional          |
/// |   6 | AdditionalInformation | array of str, max 100              | list: nil = empty |
/// </code>
/// </summary>
internal sealed class StructuredRemittanceFormatter : RecordFormatter<StructuredRemittance>
{
    public static readonly StructuredRemittanceFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "ReferredDocuments",
        "DuePayableAmount",
        "RemittedAmount",
        "CreditorReference",
        "Invoicer",
        "Invoicee",
        "AdditionalInformation",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, StructuredRemittance value, MessagePackSerializerOptions options)
    {
        Wire.WriteList(ref writer, value.ReferredDocuments, ReferredDocumentFormatter.Instance, options, Wire.MaxSmallList);
        MoneyFormatter.Write(ref writer, value.DuePayableAmount);
        MoneyFormatter.Write(ref writer, value.RemittedAmount);
        CreditorReferenceFormatter.Instance.Serialize(ref writer, value.CreditorReference, options);
        PartyFormatter.Instance.Serialize(ref writer, value.Invoicer, options);
        PartyFormatter.Instance.Serialize(ref writer, value.Invoicee, options);
        Wire.WriteStringList(ref writer, value.AdditionalInformation, Wire.MaxSmallList);
    }

    protected override StructuredRemittance ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new StructuredRemittance
        {
            ReferredDocuments = fields.Next() ? Wire.ReadList(ref reader, options, ReferredDocumentFormatter.Instance, Wire.MaxSmallList) : default,
            DuePayableAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            RemittedAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            CreditorReference = fields.Next() ? CreditorReferenceFormatter.Instance.Deserialize(ref reader, options) : null,
            Invoicer = fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null,
            Invoicee = fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null,
            AdditionalInformation = fields.Next() ? Wire.ReadStringList(ref reader, Wire.MaxSmallList) : default,
        };
}

/// <summary>
/// <see cref="RemittanceInformation"/> (<c>RmtInf</c>).
/// <code>
/// | pos | field        | wire type                              | presence          |
/// |   0 | Unstructured | array of str, max 100                  | list: nil = empty |
/// |   1 | Structured   | array of StructuredRemittance, max 100 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class RemittanceInformationFormatter : RecordFormatter<RemittanceInformation>
{
    public static readonly RemittanceInformationFormatter Instance = new();

    internal static readonly string[] Fields = ["Unstructured", "Structured"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, RemittanceInformation value, MessagePackSerializerOptions options)
    {
        Wire.WriteStringList(ref writer, value.Unstructured, Wire.MaxSmallList);
        Wire.WriteList(ref writer, value.Structured, StructuredRemittanceFormatter.Instance, options, Wire.MaxSmallList);
    }

    protected override RemittanceInformation ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new RemittanceInformation
        {
            Unstructured = fields.Next() ? Wire.ReadStringList(ref reader, Wire.MaxSmallList) : default,
            Structured = fields.Next() ? Wire.ReadList(ref reader, options, StructuredRemittanceFormatter.Instance, Wire.MaxSmallList) : default,
        };
}

/// <summary>
/// <see cref="OriginalGroupInformation"/> (<c>OrgnlGrpInf</c>).
/// <code>
/// | pos | field                    | wire type      | presence |
/// |   0 | OriginalMessageId        | str            | required |
/// |   1 | OriginalMessageNameId    | str (interned) | required |
/// |   2 | OriginalCreationDateTime | DateTime       | optional |
/// </code>
/// </summary>
internal sealed class OriginalGroupInformationFormatter : RecordFormatter<OriginalGroupInformation>
{
    public static readonly OriginalGroupInformationFormatter Instance = new();

    internal static readonly string[] Fields = ["OriginalMessageId", "OriginalMessageNameId", "OriginalCreationDateTime"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, OriginalGroupInformation value, MessagePackSerializerOptions options)
    {
        writer.Write(Wire.NotNull(value.OriginalMessageId, "OriginalGroupInformation.OriginalMessageId"));
        writer.Write(Wire.NotNull(value.OriginalMessageNameId, "OriginalGroupInformation.OriginalMessageNameId"));
        Wire.WriteDateTime(ref writer, value.OriginalCreationDateTime);
    }

    protected override OriginalGroupInformation ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new OriginalGroupInformation
        {
            OriginalMessageId = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            OriginalMessageNameId = Wire.Required(fields.Next() ? Wire.ReadInternedString(ref reader) : null),
            OriginalCreationDateTime = fields.Next() ? Wire.ReadDateTime(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="ReasonInformation"/> (<c>StsRsnInf / RtrRsnInf / CxlRsnInf</c>).
/// <code>
/// | pos | field                 | wire type             | presence          |
/// |   0 | Originator            | Party                 | optional          |
/// |   1 | Reason                | CodeOrProprietary     | optional          |
/// |   2 | AdditionalInformation | array of str, max 100 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class ReasonInformationFormatter : RecordFormatter<ReasonInformation>
{
    public static readonly ReasonInformationFormatter Instance = new();

    internal static readonly string[] Fields = ["Originator", "Reason", "AdditionalInformation"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, ReasonInformation value, MessagePackSerializerOptions options)
    {
        PartyFormatter.Instance.Serialize(ref writer, value.Originator, options);
        CodeOrProprietaryFormatter.Write(ref writer, value.Reason);
        Wire.WriteStringList(ref writer, value.AdditionalInformation, Wire.MaxSmallList);
    }

    protected override ReasonInformation ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new ReasonInformation
        {
            Originator = fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null,
            Reason = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            AdditionalInformation = fields.Next() ? Wire.ReadStringList(ref reader, Wire.MaxSmallList) : default,
        };
}

/// <summary>
/// <see cref="OriginalTransactionReference"/> (<c>OrgnlTxRef</c>).
/// <code>
/// | pos | field                     | wire type              | presence |
/// |   0 | InterbankSettlementAmount | Money                  | optional |
/// |   1 | InstructedAmount          | Money                  | optional |
/// |   2 | InterbankSettlementDate   | int: Date              | optional |
/// |   3 | Settlement                | SettlementInformation  | optional |
/// |   4 | PaymentType               | PaymentTypeInformation | optional |
/// |   5 | RemittanceInformation     | RemittanceInformation  | optional |
/// |   6 | UltimateDebtor            | PartyOrAgent           | optional |
/// |   7 | Debtor                    | PartyOrAgent           | optional |
/// |   8 | DebtorAccount             | Account                | optional |
/// |   9 | DebtorAgent               | Agent                  | optional |
/// |  10 | CreditorAgent             | Agent                  | optional |
/// |  11 | Creditor                  | PartyOrAgent           | optional |
/// |  12 | CreditorAccount           | Account                | optional |
/// |  13 | UltimateCreditor          | PartyOrAgent           | optional |
/// |  14 | Purpose                   | CodeOrProprietary      | optional |
/// </code>
/// </summary>
internal sealed class OriginalTransactionReferenceFormatter : RecordFormatter<OriginalTransactionReference>
{
    public static readonly OriginalTransactionReferenceFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "InterbankSettlementAmount",
        "InstructedAmount",
        "InterbankSettlementDate",
        "Settlement",
        "PaymentType",
        "RemittanceInformation",
        "UltimateDebtor",
        "Debtor",
        "DebtorAccount",
        "DebtorAgent",
        "CreditorAgent",
        "Creditor",
        "CreditorAccount",
        "UltimateCreditor",
        "Purpose",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, OriginalTransactionReference value, MessagePackSerializerOptions options)
    {
        MoneyFormatter.Write(ref writer, value.InterbankSettlementAmount);
        MoneyFormatter.Write(ref writer, value.InstructedAmount);
        Wire.WriteDate(ref writer, value.InterbankSettlementDate);
        SettlementInformationFormatter.Instance.Serialize(ref writer, value.Settlement, options);
        PaymentTypeInformationFormatter.Instance.Serialize(ref writer, value.PaymentType, options);
        RemittanceInformationFormatter.Instance.Serialize(ref writer, value.RemittanceInformation, options);
        PartyOrAgentFormatter.Instance.Serialize(ref writer, value.UltimateDebtor, options);
        PartyOrAgentFormatter.Instance.Serialize(ref writer, value.Debtor, options);
        AccountFormatter.Instance.Serialize(ref writer, value.DebtorAccount, options);
        AgentFormatter.Instance.Serialize(ref writer, value.DebtorAgent, options);
        AgentFormatter.Instance.Serialize(ref writer, value.CreditorAgent, options);
        PartyOrAgentFormatter.Instance.Serialize(ref writer, value.Creditor, options);
        AccountFormatter.Instance.Serialize(ref writer, value.CreditorAccount, options);
        PartyOrAgentFormatter.Instance.Serialize(ref writer, value.UltimateCreditor, options);
        CodeOrProprietaryFormatter.Write(ref writer, value.Purpose);
    }

    protected override OriginalTransactionReference ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new OriginalTransactionReference
        {
            InterbankSettlementAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            InstructedAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            InterbankSettlementDate = fields.Next() ? Wire.ReadDate(ref reader) : null,
            Settlement = fields.Next() ? SettlementInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            PaymentType = fields.Next() ? PaymentTypeInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            RemittanceInformation = fields.Next() ? RemittanceInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            UltimateDebtor = fields.Next() ? PartyOrAgentFormatter.Instance.Deserialize(ref reader, options) : null,
            Debtor = fields.Next() ? PartyOrAgentFormatter.Instance.Deserialize(ref reader, options) : null,
            DebtorAccount = fields.Next() ? AccountFormatter.Instance.Deserialize(ref reader, options) : null,
            DebtorAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            CreditorAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            Creditor = fields.Next() ? PartyOrAgentFormatter.Instance.Deserialize(ref reader, options) : null,
            CreditorAccount = fields.Next() ? AccountFormatter.Instance.Deserialize(ref reader, options) : null,
            UltimateCreditor = fields.Next() ? PartyOrAgentFormatter.Instance.Deserialize(ref reader, options) : null,
            Purpose = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="GroupHeader"/> (<c>GrpHdr</c>).
/// <code>
/// | pos | field                          | wire type              | presence |
/// |   0 | MessageId                      | str                    | required |
/// |   1 | CreationDateTime               | DateTime               | required |
/// |   2 | TotalInterbankSettlementAmount | Money                  | optional |
/// |   3 | InterbankSettlementDate        | int: Date              | optional |
/// |   4 | Settlement                     | SettlementInformation  | optional |
/// |   5 | PaymentType                    | PaymentTypeInformation | optional |
/// |   6 | InstructingAgent               | Agent                  | optional |
/// |   7 | InstructedAgent                | Agent                  | optional |
/// </code>
/// </summary>
internal sealed class GroupHeaderFormatter : RecordFormatter<GroupHeader>
{
    public static readonly GroupHeaderFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "MessageId",
        "CreationDateTime",
        "TotalInterbankSettlementAmount",
        "InterbankSettlementDate",
        "Settlement",
        "PaymentType",
        "InstructingAgent",
        "InstructedAgent",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, GroupHeader value, MessagePackSerializerOptions options)
    {
        writer.Write(Wire.NotNull(value.MessageId, "GroupHeader.MessageId"));
        Wire.WriteDateTime(ref writer, value.CreationDateTime);
        MoneyFormatter.Write(ref writer, value.TotalInterbankSettlementAmount);
        Wire.WriteDate(ref writer, value.InterbankSettlementDate);
        SettlementInformationFormatter.Instance.Serialize(ref writer, value.Settlement, options);
        PaymentTypeInformationFormatter.Instance.Serialize(ref writer, value.PaymentType, options);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructingAgent, options);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructedAgent, options);
    }

    protected override GroupHeader ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new GroupHeader
        {
            MessageId = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            CreationDateTime = Wire.RequiredValue(fields.Next() ? Wire.ReadDateTime(ref reader, options) : null),
            TotalInterbankSettlementAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            InterbankSettlementDate = fields.Next() ? Wire.ReadDate(ref reader) : null,
            Settlement = fields.Next() ? SettlementInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            PaymentType = fields.Next() ? PaymentTypeInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            InstructingAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            InstructedAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="Assignment"/> (<c>Assgnmt</c>).
/// <code>
/// | pos | field            | wire type    | presence |
/// |   0 | Id               | str          | required |
/// |   1 | Assigner         | PartyOrAgent | required |
/// |   2 | Assignee         | PartyOrAgent | required |
/// |   3 | CreationDateTime | DateTime     | required |
/// </code>
/// </summary>
internal sealed class AssignmentFormatter : RecordFormatter<Assignment>
{
    public static readonly AssignmentFormatter Instance = new();

    internal static readonly string[] Fields = ["Id", "Assigner", "Assignee", "CreationDateTime"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, Assignment value, MessagePackSerializerOptions options)
    {
        writer.Write(Wire.NotNull(value.Id, "Assignment.Id"));
        PartyOrAgentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Assigner, "Assignment.Assigner"), options);
        PartyOrAgentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Assignee, "Assignment.Assignee"), options);
        Wire.WriteDateTime(ref writer, value.CreationDateTime);
    }

    protected override Assignment ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new Assignment
        {
            Id = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            Assigner = Wire.Required(fields.Next() ? PartyOrAgentFormatter.Instance.Deserialize(ref reader, options) : null),
            Assignee = Wire.Required(fields.Next() ? PartyOrAgentFormatter.Instance.Deserialize(ref reader, options) : null),
            CreationDateTime = Wire.RequiredValue(fields.Next() ? Wire.ReadDateTime(ref reader, options) : null),
        };
}

/// <summary>
/// <see cref="InvestigationCase"/> (<c>Case / RslvdCase</c>).
/// <code>
/// | pos | field   | wire type    | presence |
/// |   0 | Id      | str          | required |
/// |   1 | Creator | PartyOrAgent | required |
/// </code>
/// </summary>
internal sealed class InvestigationCaseFormatter : RecordFormatter<InvestigationCase>
{
    public static readonly InvestigationCaseFormatter Instance = new();

    internal static readonly string[] Fields = ["Id", "Creator"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, InvestigationCase value, MessagePackSerializerOptions options)
    {
        writer.Write(Wire.NotNull(value.Id, "InvestigationCase.Id"));
        PartyOrAgentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Creator, "InvestigationCase.Creator"), options);
    }

    protected override InvestigationCase ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new InvestigationCase
        {
            Id = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            Creator = Wire.Required(fields.Next() ? PartyOrAgentFormatter.Instance.Deserialize(ref reader, options) : null),
        };
}
