using System.Collections.Frozen;
using MessagePack;
using MessagePack.Formatters;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.MessagePack;

/// <summary>
/// Resolves the hand-written formatters of the canonical ISO 20022 model and nothing else: no dynamic code
/// generation, no typeless or contractless fallback, so a payload can only ever become one of the model's types.
/// </summary>
/// <remarks>
/// <see cref="IsoMessage"/>, each concrete message type and <see cref="IsoEnvelope"/> resolve to formatters that write
/// and read the whole frame (<c>[wireVersion, kind, body, ...]</c>); components resolve to their positional arrays.
/// Use it through <see cref="IsoMessagePack.Options"/>, which also sets <see cref="MessagePackSecurity.UntrustedData"/>.
/// </remarks>
public sealed class IsoResolver : IFormatterResolver
{
    /// <summary>The resolver.</summary>
    public static readonly IsoResolver Instance = new();

    private IsoResolver()
    {
    }

    /// <summary>Every type the resolver knows, with its formatter.</summary>
    internal static FrozenDictionary<Type, object> Formatters { get; } = new Dictionary<Type, object>
    {
        // Messages and envelope, framed.
        [typeof(IsoMessage)] = FramedMessageFormatter<IsoMessage>.Instance,
        [typeof(CustomerCreditTransfer)] = FramedMessageFormatter<CustomerCreditTransfer>.Instance,
        [typeof(PaymentStatusReport)] = FramedMessageFormatter<PaymentStatusReport>.Instance,
        [typeof(PaymentReturn)] = FramedMessageFormatter<PaymentReturn>.Instance,
        [typeof(PaymentStatusRequest)] = FramedMessageFormatter<PaymentStatusRequest>.Instance,
        [typeof(CancellationRequest)] = FramedMessageFormatter<CancellationRequest>.Instance,
        [typeof(ResolutionOfInvestigation)] = FramedMessageFormatter<ResolutionOfInvestigation>.Instance,
        [typeof(IdentificationVerificationRequest)] = FramedMessageFormatter<IdentificationVerificationRequest>.Instance,
        [typeof(IdentificationVerificationReport)] = FramedMessageFormatter<IdentificationVerificationReport>.Instance,
        [typeof(IsoEnvelope)] = IsoEnvelopeFormatter.Instance,
        [typeof(BusinessApplicationHeader)] = BusinessApplicationHeaderFormatter.Instance,

        // Records inside message bodies.
        [typeof(CreditTransferTransaction)] = CreditTransferTransactionFormatter.Instance,
        [typeof(OriginalGroupStatus)] = OriginalGroupStatusFormatter.Instance,
        [typeof(TransactionStatusInformation)] = TransactionStatusInformationFormatter.Instance,
        [typeof(PaymentReturnTransaction)] = PaymentReturnTransactionFormatter.Instance,
        [typeof(StatusRequestTransaction)] = StatusRequestTransactionFormatter.Instance,
        [typeof(CancellationTransaction)] = CancellationTransactionFormatter.Instance,
        [typeof(CancellationStatusTransaction)] = CancellationStatusTransactionFormatter.Instance,
        [typeof(PartyAndAccount)] = PartyAndAccountFormatter.Instance,
        [typeof(VerificationRequest)] = VerificationRequestFormatter.Instance,
        [typeof(VerificationResult)] = VerificationResultFormatter.Instance,

        // Components.
        [typeof(SettlementInformation)] = SettlementInformationFormatter.Instance,
        [typeof(PostalAddress)] = PostalAddressFormatter.Instance,
        [typeof(ClearingSystemMember)] = ClearingSystemMemberFormatter.Instance,
        [typeof(Agent)] = AgentFormatter.Instance,
        [typeof(GenericIdentification)] = GenericIdentificationFormatter.Instance,
        [typeof(DateAndPlaceOfBirth)] = DateAndPlaceOfBirthFormatter.Instance,
        [typeof(PartyIdentification)] = PartyIdentificationFormatter.Instance,
        [typeof(Party)] = PartyFormatter.Instance,
        [typeof(PartyOrAgent)] = PartyOrAgentFormatter.Instance,
        [typeof(Proxy)] = ProxyFormatter.Instance,
        [typeof(Account)] = AccountFormatter.Instance,
        [typeof(PaymentIdentification)] = PaymentIdentificationFormatter.Instance,
        [typeof(PaymentTypeInformation)] = PaymentTypeInformationFormatter.Instance,
        [typeof(Charge)] = ChargeFormatter.Instance,
        [typeof(RegulatoryAuthority)] = RegulatoryAuthorityFormatter.Instance,
        [typeof(RegulatoryReportingDetail)] = RegulatoryReportingDetailFormatter.Instance,
        [typeof(RegulatoryReporting)] = RegulatoryReportingFormatter.Instance,
        [typeof(ReferredDocument)] = ReferredDocumentFormatter.Instance,
        [typeof(CreditorReference)] = CreditorReferenceFormatter.Instance,
        [typeof(StructuredRemittance)] = StructuredRemittanceFormatter.Instance,
        [typeof(RemittanceInformation)] = RemittanceInformationFormatter.Instance,
        [typeof(OriginalGroupInformation)] = OriginalGroupInformationFormatter.Instance,
        [typeof(ReasonInformation)] = ReasonInformationFormatter.Instance,
        [typeof(OriginalTransactionReference)] = OriginalTransactionReferenceFormatter.Instance,
        [typeof(GroupHeader)] = GroupHeaderFormatter.Instance,
        [typeof(Assignment)] = AssignmentFormatter.Instance,
        [typeof(InvestigationCase)] = InvestigationCaseFormatter.Instance,

        // Value types.
        [typeof(CodeOrProprietary)] = CodeOrProprietaryFormatter.Instance,
        [typeof(Money)] = MoneyFormatter.Instance,
        [typeof(Currency)] = CurrencyFormatter.Instance,
        [typeof(Bic)] = BicFormatter.Instance,
        [typeof(Iban)] = IbanFormatter.Instance,
        [typeof(Lei)] = LeiFormatter.Instance,
        [typeof(CountryCode)] = CountryCodeFormatter.Instance,
        [typeof(Uetr)] = UetrFormatter.Instance,
    }.ToFrozenDictionary();

    /// <inheritdoc/>
    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    // One lookup per type for the life of the process; afterwards resolving is a static field read.
    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter =
            Formatters.TryGetValue(typeof(T), out var formatter) ? (IMessagePackFormatter<T>)formatter : null;
    }
}
