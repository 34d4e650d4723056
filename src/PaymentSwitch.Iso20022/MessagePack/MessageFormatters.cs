using MessagePack;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.MessagePack;

// Formatters for the eight message bodies, their transaction records and the business application header
// (PaymentSwitch.Domain.Iso20022.Messages). Same rules as the components: fixed positions, append only.

/// <summary>
/// <see cref="CustomerCreditTransfer"/> (<c>pacs.008 FIToFICstmrCdtTrf</c>).
/// <code>
/// | pos | field        | wire type                                      | presence          |
/// |   0 | GroupHeader  | GroupHeader                                    | required          |
/// |   1 | Transactions | array of CreditTransferTransaction, max 10 000 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class CustomerCreditTransferFormatter : RecordFormatter<CustomerCreditTransfer>
{
    public static readonly CustomerCreditTransferFormatter Instance = new();

    internal static readonly string[] Fields = ["GroupHeader", "Transactions"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, CustomerCreditTransfer value, MessagePackSerializerOptions options)
    {
        GroupHeaderFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.GroupHeader, "CustomerCreditTransfer.GroupHeader"), options);
        Wire.WriteList(ref writer, value.Transactions, CreditTransferTransactionFormatter.Instance, options, Wire.MaxTransactions);
    }

    protected override CustomerCreditTransfer ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new CustomerCreditTransfer
        {
            GroupHeader = Wire.Required(fields.Next() ? GroupHeaderFormatter.Instance.Deserialize(ref reader, options) : null),
            Transactions = fields.Next() ? Wire.ReadList(ref reader, options, CreditTransferTransactionFormatter.Instance, Wire.MaxTransactions) : default,
        };
}

/// <summary>
/// <see cref="CreditTransferTransaction"/> (<c>CdtTrfTxInf</c>).
/// <code>
/// | pos | field                     | wire type                             | presence          |
/// |   0 | PaymentId                 | PaymentIdentification                 | required          |
/// |   1 | PaymentType               | PaymentTypeInformation                | optional          |
/// |   2 | InterbankSettlementAmount | Money                                 | required          |
/// |   3 | InterbankSettlementDate   | int: Date                             | optional          |
/// |   4 | AcceptanceDateTime        | DateTime                              | optional          |
/// |   5 | InstructedAmount          | Money                                 | optional          |
/// |   6 | ExchangeRate              | str: Decimal                          | optional          |
/// |   7 | ChargeBearer              | int: ChargeBearer                     | required          |
/// |   8 | Charges                   | array of Charge, max 100              | list: nil = empty |
/// |   9 | InstructingAgent          | Agent                                 | optional          |
/// |  10 | InstructedAgent           | Agent                                 | optional          |
/// |  11 | IntermediaryAgent1        | Agent                                 | optional          |
/// |  12 | IntermediaryAgent1Account | Account                               | optional          |
/// |  13 | IntermediaryAgent2        | Agent                                 | optional          |
/// |  14 | IntermediaryAgent2Account | Account                               | optional          |
/// |  15 | UltimateDebtor            | Party                                 | optional          |
/// |  16 | InitiatingParty           | Party                                 | optional          |
/// |  17 | Debtor                    | Party                                 | required          |
/// |  18 | DebtorAccount             | Account                               | optional          |
/// |  19 | DebtorAgent               | Agent                                 | required          |
/// |  20 | DebtorAgentAccount        | Account                               | optional          |
/// |  21 | CreditorAgent             | Agent                                 | required          |
/// |  22 | CreditorAgentAccount      | Account                               | optional          |
/// |  23 | Creditor                  | Party                                 | required          |
/// |  24 | CreditorAccount           | Account                               | optional          |
/// |  25 | UltimateCreditor          | Party                                 | optional          |
/// |  26 | Purpose                   | CodeOrProprietary                     | optional          |
/// |  27 | RegulatoryReporting       | array of RegulatoryReporting, max 100 | list: nil = empty |
/// |  28 | RemittanceInformation     | RemittanceInformation                 | optional          |
/// </code>
/// </summary>
internal sealed class CreditTransferTransactionFormatter : RecordFormatter<CreditTransferTransaction>
{
    public static readonly CreditTransferTransactionFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "PaymentId",
        "PaymentType",
        "InterbankSettlementAmount",
        "InterbankSettlementDate",
        "AcceptanceDateTime",
        "InstructedAmount",
        "ExchangeRate",
        "ChargeBearer",
        "Charges",
        "InstructingAgent",
        "InstructedAgent",
        "IntermediaryAgent1",
        "IntermediaryAgent1Account",
        "IntermediaryAgent2",
        "IntermediaryAgent2Account",
        "UltimateDebtor",
        "InitiatingParty",
        "Debtor",
        "DebtorAccount",
        "DebtorAgent",
        "DebtorAgentAccount",
        "CreditorAgent",
        "CreditorAgentAccount",
        "Creditor",
        "CreditorAccount",
        "UltimateCreditor",
        "Purpose",
        "RegulatoryReporting",
        "RemittanceInformation",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, CreditTransferTransaction value, MessagePackSerializerOptions options)
    {
        PaymentIdentificationFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.PaymentId, "CreditTransferTransaction.PaymentId"), options);
        PaymentTypeInformationFormatter.Instance.Serialize(ref writer, value.PaymentType, options);
        MoneyFormatter.Write(ref writer, value.InterbankSettlementAmount);
        Wire.WriteDate(ref writer, value.InterbankSettlementDate);
        Wire.WriteDateTime(ref writer, value.AcceptanceDateTime);
        MoneyFormatter.Write(ref writer, value.InstructedAmount);
        Wire.WriteDecimal(ref writer, value.ExchangeRate);
        WireCodes.Write(ref writer, value.ChargeBearer);
        Wire.WriteList(ref writer, value.Charges, ChargeFormatter.Instance, options, Wire.MaxSmallList);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructingAgent, options);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructedAgent, options);
        AgentFormatter.Instance.Serialize(ref writer, value.IntermediaryAgent1, options);
        AccountFormatter.Instance.Serialize(ref writer, value.IntermediaryAgent1Account, options);
        AgentFormatter.Instance.Serialize(ref writer, value.IntermediaryAgent2, options);
        AccountFormatter.Instance.Serialize(ref writer, value.IntermediaryAgent2Account, options);
        PartyFormatter.Instance.Serialize(ref writer, value.UltimateDebtor, options);
        PartyFormatter.Instance.Serialize(ref writer, value.InitiatingParty, options);
        PartyFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Debtor, "CreditTransferTransaction.Debtor"), options);
        AccountFormatter.Instance.Serialize(ref writer, value.DebtorAccount, options);
        AgentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.DebtorAgent, "CreditTransferTransaction.DebtorAgent"), options);
        AccountFormatter.Instance.Serialize(ref writer, value.DebtorAgentAccount, options);
        AgentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.CreditorAgent, "CreditTransferTransaction.CreditorAgent"), options);
        AccountFormatter.Instance.Serialize(ref writer, value.CreditorAgentAccount, options);
        PartyFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Creditor, "CreditTransferTransaction.Creditor"), options);
        AccountFormatter.Instance.Serialize(ref writer, value.CreditorAccount, options);
        PartyFormatter.Instance.Serialize(ref writer, value.UltimateCreditor, options);
        CodeOrProprietaryFormatter.Write(ref writer, value.Purpose);
        Wire.WriteList(ref writer, value.RegulatoryReporting, RegulatoryReportingFormatter.Instance, options, Wire.MaxSmallList);
        RemittanceInformationFormatter.Instance.Serialize(ref writer, value.RemittanceInformation, options);
    }

    protected override CreditTransferTransaction ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new CreditTransferTransaction
        {
            PaymentId = Wire.Required(fields.Next() ? PaymentIdentificationFormatter.Instance.Deserialize(ref reader, options) : null),
            PaymentType = fields.Next() ? PaymentTypeInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            InterbankSettlementAmount = Wire.RequiredValue(fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null),
            InterbankSettlementDate = fields.Next() ? Wire.ReadDate(ref reader) : null,
            AcceptanceDateTime = fields.Next() ? Wire.ReadDateTime(ref reader, options) : null,
            InstructedAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            ExchangeRate = fields.Next() ? Wire.ReadDecimal(ref reader) : null,
            ChargeBearer = Wire.RequiredValue(fields.Next() ? WireCodes.ReadChargeBearer(ref reader) : null),
            Charges = fields.Next() ? Wire.ReadList(ref reader, options, ChargeFormatter.Instance, Wire.MaxSmallList) : default,
            InstructingAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            InstructedAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            IntermediaryAgent1 = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            IntermediaryAgent1Account = fields.Next() ? AccountFormatter.Instance.Deserialize(ref reader, options) : null,
            IntermediaryAgent2 = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            IntermediaryAgent2Account = fields.Next() ? AccountFormatter.Instance.Deserialize(ref reader, options) : null,
            UltimateDebtor = fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null,
            InitiatingParty = fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null,
            Debtor = Wire.Required(fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null),
            DebtorAccount = fields.Next() ? AccountFormatter.Instance.Deserialize(ref reader, options) : null,
            DebtorAgent = Wire.Required(fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null),
            DebtorAgentAccount = fields.Next() ? AccountFormatter.Instance.Deserialize(ref reader, options) : null,
            CreditorAgent = Wire.Required(fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null),
            CreditorAgentAccount = fields.Next() ? AccountFormatter.Instance.Deserialize(ref reader, options) : null,
            Creditor = Wire.Required(fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null),
            CreditorAccount = fields.Next() ? AccountFormatter.Instance.Deserialize(ref reader, options) : null,
            UltimateCreditor = fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null,
            Purpose = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            RegulatoryReporting = fields.Next() ? Wire.ReadList(ref reader, options, RegulatoryReportingFormatter.Instance, Wire.MaxSmallList) : default,
            RemittanceInformation = fields.Next() ? RemittanceInformationFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="PaymentStatusReport"/> (<c>pacs.002 FIToFIPmtStsRpt</c>).
/// <code>
/// | pos | field          | wire type                                         | presence          |
/// |   0 | GroupHeader    | GroupHeader                                       | required          |
/// |   1 | OriginalGroups | array of OriginalGroupStatus, max 10 000          | list: nil = empty |
/// |   2 | Transactions   | array of TransactionStatusInformation, max 10 000 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class PaymentStatusReportFormatter : RecordFormatter<PaymentStatusReport>
{
    public static readonly PaymentStatusReportFormatter Instance = new();

    internal static readonly string[] Fields = ["GroupHeader", "OriginalGroups", "Transactions"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PaymentStatusReport value, MessagePackSerializerOptions options)
    {
        GroupHeaderFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.GroupHeader, "PaymentStatusReport.GroupHeader"), options);
        Wire.WriteList(ref writer, value.OriginalGroups, OriginalGroupStatusFormatter.Instance, options, Wire.MaxTransactions);
        Wire.WriteList(ref writer, value.Transactions, TransactionStatusInformationFormatter.Instance, options, Wire.MaxTransactions);
    }

    protected override PaymentStatusReport ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PaymentStatusReport
        {
            GroupHeader = Wire.Required(fields.Next() ? GroupHeaderFormatter.Instance.Deserialize(ref reader, options) : null),
            OriginalGroups = fields.Next() ? Wire.ReadList(ref reader, options, OriginalGroupStatusFormatter.Instance, Wire.MaxTransactions) : default,
            Transactions = fields.Next() ? Wire.ReadList(ref reader, options, TransactionStatusInformationFormatter.Instance, Wire.MaxTransactions) : default,
        };
}

/// <summary>
/// <see cref="OriginalGroupStatus"/> (<c>OrgnlGrpInfAndSts</c>).
/// <code>
/// | pos | field         | wire type                           | presence          |
/// |   0 | Original      | OriginalGroupInformation            | required          |
/// |   1 | GroupStatus   | str: TransactionStatus              | optional          |
/// |   2 | StatusReasons | array of ReasonInformation, max 100 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class OriginalGroupStatusFormatter : RecordFormatter<OriginalGroupStatus>
{
    public static readonly OriginalGroupStatusFormatter Instance = new();

    internal static readonly string[] Fields = ["Original", "GroupStatus", "StatusReasons"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, OriginalGroupStatus value, MessagePackSerializerOptions options)
    {
        OriginalGroupInformationFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Original, "OriginalGroupStatus.Original"), options);
        Wire.WriteTransactionStatus(ref writer, value.GroupStatus);
        Wire.WriteList(ref writer, value.StatusReasons, ReasonInformationFormatter.Instance, options, Wire.MaxSmallList);
    }

    protected override OriginalGroupStatus ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new OriginalGroupStatus
        {
            Original = Wire.Required(fields.Next() ? OriginalGroupInformationFormatter.Instance.Deserialize(ref reader, options) : null),
            GroupStatus = fields.Next() ? Wire.ReadTransactionStatus(ref reader) : null,
            StatusReasons = fields.Next() ? Wire.ReadList(ref reader, options, ReasonInformationFormatter.Instance, Wire.MaxSmallList) : default,
        };
}

/// <summary>
/// <see cref="TransactionStatusInformation"/> (<c>TxInfAndSts</c>).
/// <code>
/// | pos | field                        | wire type                           | presence          |
/// |   0 | StatusId                     | str                                 | optional          |
/// |   1 | OriginalGroup                | OriginalGroupInformation            | optional          |
/// |   2 | OriginalInstructionId        | str                                 | optional          |
/// |   3 | OriginalEndToEndId           | str                                 | optional          |
/// |   4 | OriginalTransactionId        | str                                 | optional          |
/// |   5 | OriginalUetr                 | bin 16: UETR                        | optional          |
/// |   6 | Status                       | str: TransactionStatus              | optional          |
/// |   7 | StatusReasons                | array of ReasonInformation, max 100 | list: nil = empty |
/// |   8 | AcceptanceDateTime           | DateTime                            | optional          |
/// |   9 | ClearingSystemReference      | str                                 | optional          |
/// |  10 | InstructingAgent             | Agent                               | optional          |
/// |  11 | InstructedAgent              | Agent                               | optional          |
/// |  12 | OriginalTransactionReference | OriginalTransactionReference        | optional          |
/// </code>
/// </summary>
internal sealed class TransactionStatusInformationFormatter : RecordFormatter<TransactionStatusInformation>
{
    public static readonly TransactionStatusInformationFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "StatusId",
        "OriginalGroup",
        "OriginalInstructionId",
        "OriginalEndToEndId",
        "OriginalTransactionId",
        "OriginalUetr",
        "Status",
        "StatusReasons",
        "AcceptanceDateTime",
        "ClearingSystemReference",
        "InstructingAgent",
        "InstructedAgent",
        "OriginalTransactionReference",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, TransactionStatusInformation value, MessagePackSerializerOptions options)
    {
        writer.Write(value.StatusId);
        OriginalGroupInformationFormatter.Instance.Serialize(ref writer, value.OriginalGroup, options);
        writer.Write(value.OriginalInstructionId);
        writer.Write(value.OriginalEndToEndId);
        writer.Write(value.OriginalTransactionId);
        Wire.WriteUetr(ref writer, value.OriginalUetr);
        Wire.WriteTransactionStatus(ref writer, value.Status);
        Wire.WriteList(ref writer, value.StatusReasons, ReasonInformationFormatter.Instance, options, Wire.MaxSmallList);
        Wire.WriteDateTime(ref writer, value.AcceptanceDateTime);
        writer.Write(value.ClearingSystemReference);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructingAgent, options);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructedAgent, options);
        OriginalTransactionReferenceFormatter.Instance.Serialize(ref writer, value.OriginalTransactionReference, options);
    }

    protected override TransactionStatusInformation ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new TransactionStatusInformation
        {
            StatusId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalGroup = fields.Next() ? OriginalGroupInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalInstructionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalEndToEndId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalTransactionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalUetr = fields.Next() ? Wire.ReadUetr(ref reader) : null,
            Status = fields.Next() ? Wire.ReadTransactionStatus(ref reader) : null,
            StatusReasons = fields.Next() ? Wire.ReadList(ref reader, options, ReasonInformationFormatter.Instance, Wire.MaxSmallList) : default,
            AcceptanceDateTime = fields.Next() ? Wire.ReadDateTime(ref reader, options) : null,
            ClearingSystemReference = fields.Next() ? Wire.ReadString(ref reader) : null,
            InstructingAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            InstructedAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalTransactionReference = fields.Next() ? OriginalTransactionReferenceFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="PaymentReturn"/> (<c>pacs.004 PmtRtr</c>).
/// <code>
/// | pos | field         | wire type                                     | presence          |
/// |   0 | GroupHeader   | GroupHeader                                   | required          |
/// |   1 | OriginalGroup | OriginalGroupInformation                      | optional          |
/// |   2 | Transactions  | array of PaymentReturnTransaction, max 10 000 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class PaymentReturnFormatter : RecordFormatter<PaymentReturn>
{
    public static readonly PaymentReturnFormatter Instance = new();

    internal static readonly string[] Fields = ["GroupHeader", "OriginalGroup", "Transactions"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PaymentReturn value, MessagePackSerializerOptions options)
    {
        GroupHeaderFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.GroupHeader, "PaymentReturn.GroupHeader"), options);
        OriginalGroupInformationFormatter.Instance.Serialize(ref writer, value.OriginalGroup, options);
        Wire.WriteList(ref writer, value.Transactions, PaymentReturnTransactionFormatter.Instance, options, Wire.MaxTransactions);
    }

    protected override PaymentReturn ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PaymentReturn
        {
            GroupHeader = Wire.Required(fields.Next() ? GroupHeaderFormatter.Instance.Deserialize(ref reader, options) : null),
            OriginalGroup = fields.Next() ? OriginalGroupInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            Transactions = fields.Next() ? Wire.ReadList(ref reader, options, PaymentReturnTransactionFormatter.Instance, Wire.MaxTransactions) : default,
        };
}

/// <summary>
/// <see cref="PaymentReturnTransaction"/> (<c>TxInf</c>).
/// <code>
/// | pos | field                             | wire type                           | presence          |
/// |   0 | ReturnId                          | str                                 | optional          |
/// |   1 | OriginalGroup                     | OriginalGroupInformation            | optional          |
/// |   2 | OriginalInstructionId             | str                                 | optional          |
/// |   3 | OriginalEndToEndId                | str                                 | optional          |
/// |   4 | OriginalTransactionId             | str                                 | optional          |
/// |   5 | OriginalUetr                      | bin 16: UETR                        | optional          |
/// |   6 | OriginalClearingSystemReference   | str                                 | optional          |
/// |   7 | OriginalInterbankSettlementAmount | Money                               | optional          |
/// |   8 | OriginalInterbankSettlementDate   | int: Date                           | optional          |
/// |   9 | ReturnedInterbankSettlementAmount | Money                               | required          |
/// |  10 | InterbankSettlementDate           | int: Date                           | optional          |
/// |  11 | ReturnedInstructedAmount          | Money                               | optional          |
/// |  12 | ExchangeRate                      | str: Decimal                        | optional          |
/// |  13 | ChargeBearer                      | int: ChargeBearer                   | optional          |
/// |  14 | Charges                           | array of Charge, max 100            | list: nil = empty |
/// |  15 | InstructingAgent                  | Agent                               | optional          |
/// |  16 | InstructedAgent                   | Agent                               | optional          |
/// |  17 | ReturnReasons                     | array of ReasonInformation, max 100 | list: nil = empty |
/// |  18 | OriginalTransactionReference      | OriginalTransactionReference        | optional          |
/// </code>
/// </summary>
internal sealed class PaymentReturnTransactionFormatter : RecordFormatter<PaymentReturnTransaction>
{
    public static readonly PaymentReturnTransactionFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "ReturnId",
        "OriginalGroup",
        "OriginalInstructionId",
        "OriginalEndToEndId",
        "OriginalTransactionId",
        "OriginalUetr",
        "OriginalClearingSystemReference",
        "OriginalInterbankSettlementAmount",
        "OriginalInterbankSettlementDate",
        "ReturnedInterbankSettlementAmount",
        "InterbankSettlementDate",
        "ReturnedInstructedAmount",
        "ExchangeRate",
        "ChargeBearer",
        "Charges",
        "InstructingAgent",
        "InstructedAgent",
        "ReturnReasons",
        "OriginalTransactionReference",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PaymentReturnTransaction value, MessagePackSerializerOptions options)
    {
        writer.Write(value.ReturnId);
        OriginalGroupInformationFormatter.Instance.Serialize(ref writer, value.OriginalGroup, options);
        writer.Write(value.OriginalInstructionId);
        writer.Write(value.OriginalEndToEndId);
        writer.Write(value.OriginalTransactionId);
        Wire.WriteUetr(ref writer, value.OriginalUetr);
        writer.Write(value.OriginalClearingSystemReference);
        MoneyFormatter.Write(ref writer, value.OriginalInterbankSettlementAmount);
        Wire.WriteDate(ref writer, value.OriginalInterbankSettlementDate);
        MoneyFormatter.Write(ref writer, value.ReturnedInterbankSettlementAmount);
        Wire.WriteDate(ref writer, value.InterbankSettlementDate);
        MoneyFormatter.Write(ref writer, value.ReturnedInstructedAmount);
        Wire.WriteDecimal(ref writer, value.ExchangeRate);
        WireCodes.Write(ref writer, value.ChargeBearer);
        Wire.WriteList(ref writer, value.Charges, ChargeFormatter.Instance, options, Wire.MaxSmallList);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructingAgent, options);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructedAgent, options);
        Wire.WriteList(ref writer, value.ReturnReasons, ReasonInformationFormatter.Instance, options, Wire.MaxSmallList);
        OriginalTransactionReferenceFormatter.Instance.Serialize(ref writer, value.OriginalTransactionReference, options);
    }

    protected override PaymentReturnTransaction ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PaymentReturnTransaction
        {
            ReturnId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalGroup = fields.Next() ? OriginalGroupInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalInstructionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalEndToEndId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalTransactionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalUetr = fields.Next() ? Wire.ReadUetr(ref reader) : null,
            OriginalClearingSystemReference = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalInterbankSettlementAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            OriginalInterbankSettlementDate = fields.Next() ? Wire.ReadDate(ref reader) : null,
            ReturnedInterbankSettlementAmount = Wire.RequiredValue(fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null),
            InterbankSettlementDate = fields.Next() ? Wire.ReadDate(ref reader) : null,
            ReturnedInstructedAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            ExchangeRate = fields.Next() ? Wire.ReadDecimal(ref reader) : null,
            ChargeBearer = fields.Next() ? WireCodes.ReadChargeBearer(ref reader) : null,
            Charges = fields.Next() ? Wire.ReadList(ref reader, options, ChargeFormatter.Instance, Wire.MaxSmallList) : default,
            InstructingAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            InstructedAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            ReturnReasons = fields.Next() ? Wire.ReadList(ref reader, options, ReasonInformationFormatter.Instance, Wire.MaxSmallList) : default,
            OriginalTransactionReference = fields.Next() ? OriginalTransactionReferenceFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="PaymentStatusRequest"/> (<c>pacs.028 FIToFIPmtStsReq</c>).
/// <code>
/// | pos | field          | wire type                                     | presence          |
/// |   0 | GroupHeader    | GroupHeader                                   | required          |
/// |   1 | OriginalGroups | array of OriginalGroupInformation, max 10 000 | list: nil = empty |
/// |   2 | Transactions   | array of StatusRequestTransaction, max 10 000 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class PaymentStatusRequestFormatter : RecordFormatter<PaymentStatusRequest>
{
    public static readonly PaymentStatusRequestFormatter Instance = new();

    internal static readonly string[] Fields = ["GroupHeader", "OriginalGroups", "Transactions"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PaymentStatusRequest value, MessagePackSerializerOptions options)
    {
        GroupHeaderFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.GroupHeader, "PaymentStatusRequest.GroupHeader"), options);
        Wire.WriteList(ref writer, value.OriginalGroups, OriginalGroupInformationFormatter.Instance, options, Wire.MaxTransactions);
        Wire.WriteList(ref writer, value.Transactions, StatusRequestTransactionFormatter.Instance, options, Wire.MaxTransactions);
    }

    protected override PaymentStatusRequest ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PaymentStatusRequest
        {
            GroupHeader = Wire.Required(fields.Next() ? GroupHeaderFormatter.Instance.Deserialize(ref reader, options) : null),
            OriginalGroups = fields.Next() ? Wire.ReadList(ref reader, options, OriginalGroupInformationFormatter.Instance, Wire.MaxTransactions) : default,
            Transactions = fields.Next() ? Wire.ReadList(ref reader, options, StatusRequestTransactionFormatter.Instance, Wire.MaxTransactions) : default,
        };
}

/// <summary>
/// <see cref="StatusRequestTransaction"/> (<c>TxInf</c>).
/// <code>
/// | pos | field                        | wire type                    | presence |
/// |   0 | StatusRequestId              | str                          | optional |
/// |   1 | OriginalGroup                | OriginalGroupInformation     | optional |
/// |   2 | OriginalInstructionId        | str                          | optional |
/// |   3 | OriginalEndToEndId           | str                          | optional |
/// |   4 | OriginalTransactionId        | str                          | optional |
/// |   5 | OriginalUetr                 | bin 16: UETR                 | optional |
/// |   6 | AcceptanceDateTime           | DateTime                     | optional |
/// |   7 | InstructingAgent             | Agent                        | optional |
/// |   8 | InstructedAgent              | Agent                        | optional |
/// |   9 | OriginalTransactionReference | OriginalTransactionReference | optional |
/// </code>
/// </summary>
internal sealed class StatusRequestTransactionFormatter : RecordFormatter<StatusRequestTransaction>
{
    public static readonly StatusRequestTransactionFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "StatusRequestId",
        "OriginalGroup",
        "OriginalInstructionId",
        "OriginalEndToEndId",
        "OriginalTransactionId",
        "OriginalUetr",
        "AcceptanceDateTime",
        "InstructingAgent",
        "InstructedAgent",
        "OriginalTransactionReference",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, StatusRequestTransaction value, MessagePackSerializerOptions options)
    {
        writer.Write(value.StatusRequestId);
        OriginalGroupInformationFormatter.Instance.Serialize(ref writer, value.OriginalGroup, options);
        writer.Write(value.OriginalInstructionId);
        writer.Write(value.OriginalEndToEndId);
        writer.Write(value.OriginalTransactionId);
        Wire.WriteUetr(ref writer, value.OriginalUetr);
        Wire.WriteDateTime(ref writer, value.AcceptanceDateTime);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructingAgent, options);
        AgentFormatter.Instance.Serialize(ref writer, value.InstructedAgent, options);
        OriginalTransactionReferenceFormatter.Instance.Serialize(ref writer, value.OriginalTransactionReference, options);
    }

    protected override StatusRequestTransaction ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new StatusRequestTransaction
        {
            StatusRequestId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalGroup = fields.Next() ? OriginalGroupInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalInstructionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalEndToEndId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalTransactionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalUetr = fields.Next() ? Wire.ReadUetr(ref reader) : null,
            AcceptanceDateTime = fields.Next() ? Wire.ReadDateTime(ref reader, options) : null,
            InstructingAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            InstructedAgent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalTransactionReference = fields.Next() ? OriginalTransactionReferenceFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="CancellationRequest"/> (<c>camt.056 FIToFIPmtCxlReq</c>).
/// <code>
/// | pos | field         | wire type                                    | presence          |
/// |   0 | Assignment    | Assignment                                   | required          |
/// |   1 | Case          | InvestigationCase                            | optional          |
/// |   2 | OriginalGroup | OriginalGroupInformation                     | optional          |
/// |   3 | Transactions  | array of CancellationTransaction, max 10 000 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class CancellationRequestFormatter : RecordFormatter<CancellationRequest>
{
    public static readonly CancellationRequestFormatter Instance = new();

    internal static readonly string[] Fields = ["Assignment", "Case", "OriginalGroup", "Transactions"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, CancellationRequest value, MessagePackSerializerOptions options)
    {
        AssignmentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Assignment, "CancellationRequest.Assignment"), options);
        InvestigationCaseFormatter.Instance.Serialize(ref writer, value.Case, options);
        OriginalGroupInformationFormatter.Instance.Serialize(ref writer, value.OriginalGroup, options);
        Wire.WriteList(ref writer, value.Transactions, CancellationTransactionFormatter.Instance, options, Wire.MaxTransactions);
    }

    protected override CancellationRequest ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new CancellationRequest
        {
            Assignment = Wire.Required(fields.Next() ? AssignmentFormatter.Instance.Deserialize(ref reader, options) : null),
            Case = fields.Next() ? InvestigationCaseFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalGroup = fields.Next() ? OriginalGroupInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            Transactions = fields.Next() ? Wire.ReadList(ref reader, options, CancellationTransactionFormatter.Instance, Wire.MaxTransactions) : default,
        };
}

/// <summary>
/// <see cref="CancellationTransaction"/> (<c>Undrlyg/TxInf</c>).
/// <code>
/// | pos | field                             | wire type                           | presence          |
/// |   0 | CancellationId                    | str                                 | optional          |
/// |   1 | Case                              | InvestigationCase                   | optional          |
/// |   2 | OriginalGroup                     | OriginalGroupInformation            | optional          |
/// |   3 | OriginalInstructionId             | str                                 | optional          |
/// |   4 | OriginalEndToEndId                | str                                 | optional          |
/// |   5 | OriginalTransactionId             | str                                 | optional          |
/// |   6 | OriginalUetr                      | bin 16: UETR                        | optional          |
/// |   7 | OriginalClearingSystemReference   | str                                 | optional          |
/// |   8 | OriginalInterbankSettlementAmount | Money                               | optional          |
/// |   9 | OriginalInterbankSettlementDate   | int: Date                           | optional          |
/// |  10 | CancellationReasons               | array of ReasonInformation, max 100 | list: nil = empty |
/// |  11 | OriginalTransactionReference      | OriginalTransactionReference        | optional          |
/// </code>
/// </summary>
internal sealed class CancellationTransactionFormatter : RecordFormatter<CancellationTransaction>
{
    public static readonly CancellationTransactionFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "CancellationId",
        "Case",
        "OriginalGroup",
        "OriginalInstructionId",
        "OriginalEndToEndId",
        "OriginalTransactionId",
        "OriginalUetr",
        "OriginalClearingSystemReference",
        "OriginalInterbankSettlementAmount",
        "OriginalInterbankSettlementDate",
        "CancellationReasons",
        "OriginalTransactionReference",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, CancellationTransaction value, MessagePackSerializerOptions options)
    {
        writer.Write(value.CancellationId);
        InvestigationCaseFormatter.Instance.Serialize(ref writer, value.Case, options);
        OriginalGroupInformationFormatter.Instance.Serialize(ref writer, value.OriginalGroup, options);
        writer.Write(value.OriginalInstructionId);
        writer.Write(value.OriginalEndToEndId);
        writer.Write(value.OriginalTransactionId);
        Wire.WriteUetr(ref writer, value.OriginalUetr);
        writer.Write(value.OriginalClearingSystemReference);
        MoneyFormatter.Write(ref writer, value.OriginalInterbankSettlementAmount);
        Wire.WriteDate(ref writer, value.OriginalInterbankSettlementDate);
        Wire.WriteList(ref writer, value.CancellationReasons, ReasonInformationFormatter.Instance, options, Wire.MaxSmallList);
        OriginalTransactionReferenceFormatter.Instance.Serialize(ref writer, value.OriginalTransactionReference, options);
    }

    protected override CancellationTransaction ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new CancellationTransaction
        {
            CancellationId = fields.Next() ? Wire.ReadString(ref reader) : null,
            Case = fields.Next() ? InvestigationCaseFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalGroup = fields.Next() ? OriginalGroupInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalInstructionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalEndToEndId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalTransactionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalUetr = fields.Next() ? Wire.ReadUetr(ref reader) : null,
            OriginalClearingSystemReference = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalInterbankSettlementAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            OriginalInterbankSettlementDate = fields.Next() ? Wire.ReadDate(ref reader) : null,
            CancellationReasons = fields.Next() ? Wire.ReadList(ref reader, options, ReasonInformationFormatter.Instance, Wire.MaxSmallList) : default,
            OriginalTransactionReference = fields.Next() ? OriginalTransactionReferenceFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="ResolutionOfInvestigation"/> (<c>camt.029 RsltnOfInvstgtn</c>).
/// <code>
/// | pos | field              | wire type                                          | presence          |
/// |   0 | Assignment         | Assignment                                         | required          |
/// |   1 | ResolvedCase       | InvestigationCase                                  | optional          |
/// |   2 | StatusConfirmation | str (interned)                                     | optional          |
/// |   3 | OriginalGroup      | OriginalGroupInformation                           | optional          |
/// |   4 | Transactions       | array of CancellationStatusTransaction, max 10 000 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class ResolutionOfInvestigationFormatter : RecordFormatter<ResolutionOfInvestigation>
{
    public static readonly ResolutionOfInvestigationFormatter Instance = new();

    internal static readonly string[] Fields = ["Assignment", "ResolvedCase", "StatusConfirmation", "OriginalGroup", "Transactions"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, ResolutionOfInvestigation value, MessagePackSerializerOptions options)
    {
        AssignmentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Assignment, "ResolutionOfInvestigation.Assignment"), options);
        InvestigationCaseFormatter.Instance.Serialize(ref writer, value.ResolvedCase, options);
        writer.Write(value.StatusConfirmation);
        OriginalGroupInformationFormatter.Instance.Serialize(ref writer, value.OriginalGroup, options);
        Wire.WriteList(ref writer, value.Transactions, CancellationStatusTransactionFormatter.Instance, options, Wire.MaxTransactions);
    }

    protected override ResolutionOfInvestigation ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new ResolutionOfInvestigation
        {
            Assignment = Wire.Required(fields.Next() ? AssignmentFormatter.Instance.Deserialize(ref reader, options) : null),
            ResolvedCase = fields.Next() ? InvestigationCaseFormatter.Instance.Deserialize(ref reader, options) : null,
            StatusConfirmation = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
            OriginalGroup = fields.Next() ? OriginalGroupInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            Transactions = fields.Next() ? Wire.ReadList(ref reader, options, CancellationStatusTransactionFormatter.Instance, Wire.MaxTransactions) : default,
        };
}

/// <summary>
/// <see cref="CancellationStatusTransaction"/> (<c>CxlDtls/TxInfAndSts</c>).
/// <code>
/// | pos | field                             | wire type                           | presence          |
/// |   0 | CancellationStatusId              | str                                 | optional          |
/// |   1 | ResolvedCase                      | InvestigationCase                   | optional          |
/// |   2 | OriginalGroup                     | OriginalGroupInformation            | optional          |
/// |   3 | OriginalInstructionId             | str                                 | optional          |
/// |   4 | OriginalEndToEndId                | str                                 | optional          |
/// |   5 | OriginalTransactionId             | str                                 | optional          |
/// |   6 | OriginalClearingSystemReference   | str                                 | optional          |
/// |   7 | OriginalUetr                      | bin 16: UETR                        | optional          |
/// |   8 | TransactionCancellationStatus     | str (interned)                      | optional          |
/// |   9 | CancellationStatusReasons         | array of ReasonInformation, max 100 | list: nil = empty |
/// |  10 | OriginalInterbankSettlementAmount | Money                               | optional          |
/// |  11 | OriginalInterbankSettlementDate   | int: Date                           | optional          |
/// |  12 | OriginalTransactionReference      | OriginalTransactionReference        | optional          |
/// </code>
/// </summary>
internal sealed class CancellationStatusTransactionFormatter : RecordFormatter<CancellationStatusTransaction>
{
    public static readonly CancellationStatusTransactionFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "CancellationStatusId",
        "ResolvedCase",
        "OriginalGroup",
        "OriginalInstructionId",
        "OriginalEndToEndId",
        "OriginalTransactionId",
        "OriginalClearingSystemReference",
        "OriginalUetr",
        "TransactionCancellationStatus",
        "CancellationStatusReasons",
        "OriginalInterbankSettlementAmount",
        "OriginalInterbankSettlementDate",
        "OriginalTransactionReference",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, CancellationStatusTransaction value, MessagePackSerializerOptions options)
    {
        writer.Write(value.CancellationStatusId);
        InvestigationCaseFormatter.Instance.Serialize(ref writer, value.ResolvedCase, options);
        OriginalGroupInformationFormatter.Instance.Serialize(ref writer, value.OriginalGroup, options);
        writer.Write(value.OriginalInstructionId);
        writer.Write(value.OriginalEndToEndId);
        writer.Write(value.OriginalTransactionId);
        writer.Write(value.OriginalClearingSystemReference);
        Wire.WriteUetr(ref writer, value.OriginalUetr);
        writer.Write(value.TransactionCancellationStatus);
        Wire.WriteList(ref writer, value.CancellationStatusReasons, ReasonInformationFormatter.Instance, options, Wire.MaxSmallList);
        MoneyFormatter.Write(ref writer, value.OriginalInterbankSettlementAmount);
        Wire.WriteDate(ref writer, value.OriginalInterbankSettlementDate);
        OriginalTransactionReferenceFormatter.Instance.Serialize(ref writer, value.OriginalTransactionReference, options);
    }

    protected override CancellationStatusTransaction ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new CancellationStatusTransaction
        {
            CancellationStatusId = fields.Next() ? Wire.ReadString(ref reader) : null,
            ResolvedCase = fields.Next() ? InvestigationCaseFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalGroup = fields.Next() ? OriginalGroupInformationFormatter.Instance.Deserialize(ref reader, options) : null,
            OriginalInstructionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalEndToEndId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalTransactionId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalClearingSystemReference = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalUetr = fields.Next() ? Wire.ReadUetr(ref reader) : null,
            TransactionCancellationStatus = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
            CancellationStatusReasons = fields.Next() ? Wire.ReadList(ref reader, options, ReasonInformationFormatter.Instance, Wire.MaxSmallList) : default,
            OriginalInterbankSettlementAmount = fields.Next() ? MoneyFormatter.ReadNullable(ref reader, options) : null,
            OriginalInterbankSettlementDate = fields.Next() ? Wire.ReadDate(ref reader) : null,
            OriginalTransactionReference = fields.Next() ? OriginalTransactionReferenceFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="PartyAndAccount"/> (<c>PtyAndAcctId</c>).
/// <code>
/// | pos | field   | wire type | presence |
/// |   0 | Party   | Party     | optional |
/// |   1 | Account | Account   | optional |
/// |   2 | Agent   | Agent     | optional |
/// </code>
/// </summary>
internal sealed class PartyAndAccountFormatter : RecordFormatter<PartyAndAccount>
{
    public static readonly PartyAndAccountFormatter Instance = new();

    internal static readonly string[] Fields = ["Party", "Account", "Agent"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, PartyAndAccount value, MessagePackSerializerOptions options)
    {
        PartyFormatter.Instance.Serialize(ref writer, value.Party, options);
        AccountFormatter.Instance.Serialize(ref writer, value.Account, options);
        AgentFormatter.Instance.Serialize(ref writer, value.Agent, options);
    }

    protected override PartyAndAccount ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new PartyAndAccount
        {
            Party = fields.Next() ? PartyFormatter.Instance.Deserialize(ref reader, options) : null,
            Account = fields.Next() ? AccountFormatter.Instance.Deserialize(ref reader, options) : null,
            Agent = fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="IdentificationVerificationRequest"/> (<c>acmt.023 IdVrfctnReq</c>).
/// <code>
/// | pos | field         | wire type                                | presence          |
/// |   0 | Assignment    | Assignment                               | required          |
/// |   1 | Verifications | array of VerificationRequest, max 10 000 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class IdentificationVerificationRequestFormatter : RecordFormatter<IdentificationVerificationRequest>
{
    public static readonly IdentificationVerificationRequestFormatter Instance = new();

    internal static readonly string[] Fields = ["Assignment", "Verifications"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, IdentificationVerificationRequest value, MessagePackSerializerOptions options)
    {
        AssignmentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Assignment, "IdentificationVerificationRequest.Assignment"), options);
        Wire.WriteList(ref writer, value.Verifications, VerificationRequestFormatter.Instance, options, Wire.MaxTransactions);
    }

    protected override IdentificationVerificationRequest ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new IdentificationVerificationRequest
        {
            Assignment = Wire.Required(fields.Next() ? AssignmentFormatter.Instance.Deserialize(ref reader, options) : null),
            Verifications = fields.Next() ? Wire.ReadList(ref reader, options, VerificationRequestFormatter.Instance, Wire.MaxTransactions) : default,
        };
}

/// <summary>
/// <see cref="VerificationRequest"/> (<c>Vrfctn</c>).
/// <code>
/// | pos | field           | wire type       | presence |
/// |   0 | Id              | str             | required |
/// |   1 | PartyAndAccount | PartyAndAccount | required |
/// </code>
/// </summary>
internal sealed class VerificationRequestFormatter : RecordFormatter<VerificationRequest>
{
    public static readonly VerificationRequestFormatter Instance = new();

    internal static readonly string[] Fields = ["Id", "PartyAndAccount"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, VerificationRequest value, MessagePackSerializerOptions options)
    {
        writer.Write(Wire.NotNull(value.Id, "VerificationRequest.Id"));
        PartyAndAccountFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.PartyAndAccount, "VerificationRequest.PartyAndAccount"), options);
    }

    protected override VerificationRequest ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new VerificationRequest
        {
            Id = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            PartyAndAccount = Wire.Required(fields.Next() ? PartyAndAccountFormatter.Instance.Deserialize(ref reader, options) : null),
        };
}

/// <summary>
/// <see cref="IdentificationVerificationReport"/> (<c>acmt.024 IdVrfctnRpt</c>).
/// <code>
/// | pos | field                              | wire type                               | presence          |
/// |   0 | Assignment                         | Assignment                              | required          |
/// |   1 | OriginalAssignmentMessageId        | str                                     | optional          |
/// |   2 | OriginalAssignmentCreationDateTime | DateTime                                | optional          |
/// |   3 | Reports                            | array of VerificationResult, max 10 000 | list: nil = empty |
/// </code>
/// </summary>
internal sealed class IdentificationVerificationReportFormatter : RecordFormatter<IdentificationVerificationReport>
{
    public static readonly IdentificationVerificationReportFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "Assignment",
        "OriginalAssignmentMessageId",
        "OriginalAssignmentCreationDateTime",
        "Reports",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, IdentificationVerificationReport value, MessagePackSerializerOptions options)
    {
        AssignmentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.Assignment, "IdentificationVerificationReport.Assignment"), options);
        writer.Write(value.OriginalAssignmentMessageId);
        Wire.WriteDateTime(ref writer, value.OriginalAssignmentCreationDateTime);
        Wire.WriteList(ref writer, value.Reports, VerificationResultFormatter.Instance, options, Wire.MaxTransactions);
    }

    protected override IdentificationVerificationReport ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new IdentificationVerificationReport
        {
            Assignment = Wire.Required(fields.Next() ? AssignmentFormatter.Instance.Deserialize(ref reader, options) : null),
            OriginalAssignmentMessageId = fields.Next() ? Wire.ReadString(ref reader) : null,
            OriginalAssignmentCreationDateTime = fields.Next() ? Wire.ReadDateTime(ref reader, options) : null,
            Reports = fields.Next() ? Wire.ReadList(ref reader, options, VerificationResultFormatter.Instance, Wire.MaxTransactions) : default,
        };
}

/// <summary>
/// <see cref="VerificationResult"/> (<c>Rpt</c>).
/// <code>
/// | pos | field                   | wire type         | presence |
/// |   0 | OriginalId              | str               | required |
/// |   1 | Verified                | bool              | required |
/// |   2 | Reason                  | CodeOrProprietary | optional |
/// |   3 | OriginalPartyAndAccount | PartyAndAccount   | optional |
/// |   4 | UpdatedPartyAndAccount  | PartyAndAccount   | optional |
/// </code>
/// </summary>
internal sealed class VerificationResultFormatter : RecordFormatter<VerificationResult>
{
    public static readonly VerificationResultFormatter Instance = new();

    internal static readonly string[] Fields = ["OriginalId", "Verified", "Reason", "OriginalPartyAndAccount", "UpdatedPartyAndAccount"];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, VerificationResult value, MessagePackSerializerOptions options)
    {
        writer.Write(Wire.NotNull(value.OriginalId, "VerificationResult.OriginalId"));
        Wire.WriteBoolean(ref writer, value.Verified);
        CodeOrProprietaryFormatter.Write(ref writer, value.Reason);
        PartyAndAccountFormatter.Instance.Serialize(ref writer, value.OriginalPartyAndAccount, options);
        PartyAndAccountFormatter.Instance.Serialize(ref writer, value.UpdatedPartyAndAccount, options);
    }

    protected override VerificationResult ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new VerificationResult
        {
            OriginalId = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            Verified = Wire.RequiredValue(fields.Next() ? Wire.ReadBoolean(ref reader) : null),
            Reason = fields.Next() ? CodeOrProprietaryFormatter.ReadNullable(ref reader, options) : null,
            OriginalPartyAndAccount = fields.Next() ? PartyAndAccountFormatter.Instance.Deserialize(ref reader, options) : null,
            UpdatedPartyAndAccount = fields.Next() ? PartyAndAccountFormatter.Instance.Deserialize(ref reader, options) : null,
        };
}

/// <summary>
/// <see cref="BusinessApplicationHeader"/> (<c>head.001 AppHdr</c>).
/// <code>
/// | pos | field               | wire type      | presence |
/// |   0 | From                | Agent          | required |
/// |   1 | To                  | Agent          | required |
/// |   2 | BusinessMessageId   | str            | required |
/// |   3 | MessageDefinitionId | str (interned) | required |
/// |   4 | BusinessService     | str (interned) | optional |
/// |   5 | CreationDate        | DateTime       | required |
/// |   6 | PossibleDuplicate   | bool           | optional |
/// |   7 | Priority            | int: Priority  | optional |
/// </code>
/// </summary>
internal sealed class BusinessApplicationHeaderFormatter : RecordFormatter<BusinessApplicationHeader>
{
    public static readonly BusinessApplicationHeaderFormatter Instance = new();

    internal static readonly string[] Fields =
    [
        "From",
        "To",
        "BusinessMessageId",
        "MessageDefinitionId",
        "BusinessService",
        "CreationDate",
        "PossibleDuplicate",
        "Priority",
    ];

    protected override string[] FieldNames => Fields;

    protected override void WriteFields(ref MessagePackWriter writer, BusinessApplicationHeader value, MessagePackSerializerOptions options)
    {
        AgentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.From, "BusinessApplicationHeader.From"), options);
        AgentFormatter.Instance.Serialize(ref writer, Wire.NotNull(value.To, "BusinessApplicationHeader.To"), options);
        writer.Write(Wire.NotNull(value.BusinessMessageId, "BusinessApplicationHeader.BusinessMessageId"));
        writer.Write(Wire.NotNull(value.MessageDefinitionId, "BusinessApplicationHeader.MessageDefinitionId"));
        writer.Write(value.BusinessService);
        Wire.WriteDateTime(ref writer, value.CreationDate);
        Wire.WriteBoolean(ref writer, value.PossibleDuplicate);
        WireCodes.Write(ref writer, value.Priority);
    }

    protected override BusinessApplicationHeader ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options) =>
        new BusinessApplicationHeader
        {
            From = Wire.Required(fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null),
            To = Wire.Required(fields.Next() ? AgentFormatter.Instance.Deserialize(ref reader, options) : null),
            BusinessMessageId = Wire.Required(fields.Next() ? Wire.ReadString(ref reader) : null),
            MessageDefinitionId = Wire.Required(fields.Next() ? Wire.ReadInternedString(ref reader) : null),
            BusinessService = fields.Next() ? Wire.ReadInternedString(ref reader) : null,
            CreationDate = Wire.RequiredValue(fields.Next() ? Wire.ReadDateTime(ref reader, options) : null),
            PossibleDuplicate = fields.Next() ? Wire.ReadBoolean(ref reader) : null,
            Priority = fields.Next() ? WireCodes.ReadPriority(ref reader) : null,
        };
}
