using System.Globalization;
using MessagePack;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.MessagePack;

/// <summary>
/// The integer codes enumerations travel as. The tables are written out member by member rather than cast from the
/// C# enum, so reordering or inserting a member in the model cannot silently change what a code means on the wire.
/// Codes are never reused; a new member gets the next free code (docs/wire-format.md, "Enumerations").
/// </summary>
internal static class WireCodes
{
    /// <summary>Frame position 1.</summary>
    public static int ToWire(MessageKind kind) => kind switch
    {
        MessageKind.Pacs008 => 0,
        MessageKind.Pacs002 => 1,
        MessageKind.Pacs004 => 2,
        MessageKind.Pacs028 => 3,
        MessageKind.Camt056 => 4,
        MessageKind.Camt029 => 5,
        MessageKind.Acmt023 => 6,
        MessageKind.Acmt024 => 7,
        _ => throw Undefined(nameof(MessageKind), (int)kind),
    };

    /// <summary>Reads frame position 1.</summary>
    public static MessageKind MessageKindFromWire(int code) => code switch
    {
        0 => MessageKind.Pacs008,
        1 => MessageKind.Pacs002,
        2 => MessageKind.Pacs004,
        3 => MessageKind.Pacs028,
        4 => MessageKind.Camt056,
        5 => MessageKind.Camt029,
        6 => MessageKind.Acmt023,
        7 => MessageKind.Acmt024,
        _ => throw Unknown("message kind", code, "0..7"),
    };

    /// <summary>Envelope frame position 3.</summary>
    public static int ToWire(MessageVersion version) => version switch
    {
        MessageVersion.Pacs008V08 => 0,
        MessageVersion.Pacs008V13 => 1,
        MessageVersion.Pacs002V10 => 2,
        MessageVersion.Pacs002V12 => 3,
        MessageVersion.Pacs004V09 => 4,
        MessageVersion.Pacs004V10 => 5,
        MessageVersion.Pacs028V03 => 6,
        MessageVersion.Camt056V08 => 7,
        MessageVersion.Camt029V09 => 8,
        MessageVersion.Acmt023V03 => 9,
        MessageVersion.Acmt024V03 => 10,
        _ => throw Undefined(nameof(MessageVersion), (int)version),
    };

    /// <summary>Reads envelope frame position 3.</summary>
    public static MessageVersion MessageVersionFromWire(int code) => code switch
    {
        0 => MessageVersion.Pacs008V08,
        1 => MessageVersion.Pacs008V13,
        2 => MessageVersion.Pacs002V10,
        3 => MessageVersion.Pacs002V12,
        4 => MessageVersion.Pacs004V09,
        5 => MessageVersion.Pacs004V10,
        6 => MessageVersion.Pacs028V03,
        7 => MessageVersion.Camt056V08,
        8 => MessageVersion.Camt029V09,
        9 => MessageVersion.Acmt023V03,
        10 => MessageVersion.Acmt024V03,
        _ => throw Unknown("message version", code, "0..10"),
    };

    /// <summary><c>SttlmMtd</c>.</summary>
    public static int ToWire(SettlementMethod method) => method switch
    {
        SettlementMethod.INDA => 0,
        SettlementMethod.INGA => 1,
        SettlementMethod.COVE => 2,
        SettlementMethod.CLRG => 3,
        _ => throw Undefined(nameof(SettlementMethod), (int)method),
    };

    /// <summary>Reads <c>SttlmMtd</c>.</summary>
    public static SettlementMethod SettlementMethodFromWire(int code) => code switch
    {
        0 => SettlementMethod.INDA,
        1 => SettlementMethod.INGA,
        2 => SettlementMethod.COVE,
        3 => SettlementMethod.CLRG,
        _ => throw Unknown("settlement method", code, "0..3"),
    };

    /// <summary><c>ChrgBr</c>.</summary>
    public static int ToWire(ChargeBearer bearer) => bearer switch
    {
        ChargeBearer.DEBT => 0,
        ChargeBearer.CRED => 1,
        ChargeBearer.SHAR => 2,
        ChargeBearer.SLEV => 3,
        _ => throw Undefined(nameof(ChargeBearer), (int)bearer),
    };

    /// <summary>Reads <c>ChrgBr</c>.</summary>
    public static ChargeBearer ChargeBearerFromWire(int code) => code switch
    {
        0 => ChargeBearer.DEBT,
        1 => ChargeBearer.CRED,
        2 => ChargeBearer.SHAR,
        3 => ChargeBearer.SLEV,
        _ => throw Unknown("charge bearer", code, "0..3"),
    };

    /// <summary><c>InstrPrty</c> / <c>Prty</c>.</summary>
    public static int ToWire(Priority priority) => priority switch
    {
        Priority.HIGH => 0,
        Priority.NORM => 1,
        _ => throw Undefined(nameof(Priority), (int)priority),
    };

    /// <summary>Reads <c>InstrPrty</c> / <c>Prty</c>.</summary>
    public static Priority PriorityFromWire(int code) => code switch
    {
        0 => Priority.HIGH,
        1 => Priority.NORM,
        _ => throw Unknown("priority", code, "0..1"),
    };

    /// <summary>The <c>Id</c> choice of a party.</summary>
    public static int ToWire(PartyKind kind) => kind switch
    {
        PartyKind.Organisation => 0,
        PartyKind.Person => 1,
        _ => throw Undefined(nameof(PartyKind), (int)kind),
    };

    /// <summary>Reads the <c>Id</c> choice of a party.</summary>
    public static PartyKind PartyKindFromWire(int code) => code switch
    {
        0 => PartyKind.Organisation,
        1 => PartyKind.Person,
        _ => throw Unknown("party kind", code, "0..1"),
    };

    /// <summary><c>DbtCdtRptgInd</c>.</summary>
    public static int ToWire(RegulatoryReportingSide side) => side switch
    {
        RegulatoryReportingSide.CRED => 0,
        RegulatoryReportingSide.DEBT => 1,
        RegulatoryReportingSide.BOTH => 2,
        _ => throw Undefined(nameof(RegulatoryReportingSide), (int)side),
    };

    /// <summary>Reads <c>DbtCdtRptgInd</c>.</summary>
    public static RegulatoryReportingSide RegulatoryReportingSideFromWire(int code) => code switch
    {
        0 => RegulatoryReportingSide.CRED,
        1 => RegulatoryReportingSide.DEBT,
        2 => RegulatoryReportingSide.BOTH,
        _ => throw Unknown("regulatory reporting side", code, "0..2"),
    };

    /// <summary>Reads a <see cref="SettlementMethod"/> code or nil.</summary>
    public static SettlementMethod? ReadSettlementMethod(ref MessagePackReader reader) =>
        Wire.ReadCode(ref reader) is { } code ? SettlementMethodFromWire(code) : null;

    /// <summary>Writes a <see cref="SettlementMethod"/> code or nil.</summary>
    public static void Write(ref MessagePackWriter writer, SettlementMethod? value) =>
        Wire.WriteCode(ref writer, value is { } member ? ToWire(member) : null);

    /// <summary>Reads a <see cref="ChargeBearer"/> code or nil.</summary>
    public static ChargeBearer? ReadChargeBearer(ref MessagePackReader reader) =>
        Wire.ReadCode(ref reader) is { } code ? ChargeBearerFromWire(code) : null;

    /// <summary>Writes a <see cref="ChargeBearer"/> code or nil.</summary>
    public static void Write(ref MessagePackWriter writer, ChargeBearer? value) =>
        Wire.WriteCode(ref writer, value is { } member ? ToWire(member) : null);

    /// <summary>Reads a <see cref="Priority"/> code or nil.</summary>
    public static Priority? ReadPriority(ref MessagePackReader reader) =>
        Wire.ReadCode(ref reader) is { } code ? PriorityFromWire(code) : null;

    /// <summary>Writes a <see cref="Priority"/> code or nil.</summary>
    public static void Write(ref MessagePackWriter writer, Priority? value) =>
        Wire.WriteCode(ref writer, value is { } member ? ToWire(member) : null);

    /// <summary>Reads a <see cref="PartyKind"/> code or nil.</summary>
    public static PartyKind? ReadPartyKind(ref MessagePackReader reader) =>
        Wire.ReadCode(ref reader) is { } code ? PartyKindFromWire(code) : null;

    /// <summary>Writes a <see cref="PartyKind"/> code or nil.</summary>
    public static void Write(ref MessagePackWriter writer, PartyKind? value) =>
        Wire.WriteCode(ref writer, value is { } member ? ToWire(member) : null);

    /// <summary>Reads a <see cref="RegulatoryReportingSide"/> code or nil.</summary>
    public static RegulatoryReportingSide? ReadRegulatoryReportingSide(ref MessagePackReader reader) =>
        Wire.ReadCode(ref reader) is { } code ? RegulatoryReportingSideFromWire(code) : null;

    /// <summary>Writes a <see cref="RegulatoryReportingSide"/> code or nil.</summary>
    public static void Write(ref MessagePackWriter writer, RegulatoryReportingSide? value) =>
        Wire.WriteCode(ref writer, value is { } member ? ToWire(member) : null);

    private static IsoWireException Unknown(string what, int code, string range) =>
        Wire.Error(string.Create(CultureInfo.InvariantCulture, $"unknown {what} code {code}; this reader knows {range}"));

    private static ArgumentException Undefined(string enumName, int value) =>
        Wire.InvalidModel(string.Create(CultureInfo.InvariantCulture, $"{value} is not a defined {enumName}"));
}
