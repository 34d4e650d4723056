using System.Globalization;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Adapters;

// Customers' payments to other countries (this IPS is the source): check, quote, hold funds, build the pacs.008,
// then debit or release on the hub's final status. A payment to an IPS of the same currency (EU-TIPS to EU-RT1) has
// nothing to convert: it skips the quote, as the hub expects (docs/lifecycle.md, Validate: quote checks are for
// cross-currency payments only), and is priced from the corridor's fees alone.
public sealed partial class NationalSwitch
{
    /// <summary>The clearing system the pacs.008 names before the hub rewrites it (<c>SttlmInf/ClrSys/Prtry</c>).</summary>
    public const string NexusClearingSystem = "NEXUS";

    private const string QuoteIdPrefix = "NexusQuoteId:";

    // ExternalProxyAccountType1Code values travel as Cd; scheme-specific types (UEN, VPA, BRN, ...) as Prtry.
    private static readonly string[] IsoProxyTypes = ["MBNO", "TELE", "EMAL", "NIDN", "EWAL", "CCPT"];

    /// <summary>
    /// The bank's checks before it asks the hub for a quote: its own bank and customer account (RC01, AC01, AC04,
    /// AC06), a corridor to the destination (AG01), a creditor the destination can resolve (RC01, BE23), and the amount
    /// in the fixed side's currency (CURR, AM01). Returns the quote request, or the local refusal; for a destination IPS
    /// of this IPS's currency no quote request but <see cref="OutboundPreparation.SameCurrency"/>: build the payment with
    /// <see cref="BuildSameCurrencyOutbound"/>.
    /// </summary>
    public OutboundPreparation PrepareOutbound(OutboundInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        if (CheckOutbound(instruction, out _, out _, out var destination) is { } rejection)
        {
            return new OutboundPreparation(null, rejection);
        }

        if (destination!.Currency == Currency)
        {
            return new OutboundPreparation(null, null, SameCurrency: true);
        }

        return new OutboundPreparation(new QuoteRequest(Ips, instruction.DestinationIps, instruction.DebtorAgent, instruction.Amount, instruction.AmountFixedIn), null);
    }

    /// <summary>
    /// Builds the customer's pacs.008 from a hub quote and holds the funds, or refuses locally (the payment is never
    /// sent). The debtor's account is debited only when the hub's final ACCC arrives (<see cref="OnFinalStatus"/>).
    /// </summary>
    /// <remarks>
    /// <para>Refusals: the checks of <see cref="PrepareOutbound"/>; a quote for another corridor, PSP or amount (AG01,
    /// AGNT, AM09) or no longer honoured (TM01); an element the destination requires that the bank cannot fill (CH21);
    /// funds below the instructed amount plus the source PSP fee (AM04); a simulated refusal of the behaviour profile.</para>
    /// <para>The message follows what the hub validates (docs/hub-rejections.md): instructing and debtor agent, creditor
    /// agent or proxy in <c>CdtrAcct/Prxy</c>, <c>IntrBkSttlmAmt</c> in the destination currency, <c>InstdAmt</c> in this
    /// IPS's, the quote's <c>XchgRate</c>, <c>NexusQuoteId:</c> in <c>RmtInf/Strd/AddtlRmtInf</c>, the settlement
    /// access providers as <c>IntrmyAgt1/2</c>, and the corridor's required elements.</para>
    /// </remarks>
    /// <param name="instruction">The customer's instruction.</param>
    /// <param name="quote">The hub quote the customer accepted (from <see cref="QuoteEngine"/>).</param>
    /// <param name="resolution">The acmt.024 answer for a proxy creditor, if the bank looked it up; without it the hub routes by proxy.</param>
    public OutboundResult BuildOutbound(OutboundInstruction instruction, Quote quote, ProxyResolution? resolution = null)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(quote);
        var now = Now();
        var uetr = NextUetr();
        var rejection = CheckOutbound(instruction, out var bank, out var account, out var destination)
            ?? CheckQuote(instruction, quote, _time.GetUtcNow())
            ?? CheckRequiredFields(instruction, account!);
        return rejection is null
            ? Hold(instruction, new Terms(quote.SourceAmount, quote.DestinationAmount, quote.SourcePspFee, quote), resolution, bank!, account!, destination!, uetr, now)
            : new OutboundResult(null, Pacs008Version, uetr, new Money(0, Currency), rejection);
    }

    /// <summary>
    /// Builds the customer's pacs.008 to an IPS of this IPS's currency and holds the funds, or refuses locally. There is
    /// nothing to convert, so there is no quote: the settlement amount is the instructed amount, the message carries no
    /// <c>XchgRate</c>, no <c>NexusQuoteId:</c> and no intermediary agents (no FX provider's settlement access providers
    /// are involved), and the source PSP fee comes from the corridor. The hub checks the caps (AM02) when it validates
    /// the payment, as it does for every payment.
    /// </summary>
    /// <remarks>
    /// Refusals: the checks of <see cref="PrepareOutbound"/>; a destination that settles another currency (CURR: that
    /// payment needs a quote, <see cref="BuildOutbound"/>); an element the destination requires that the bank cannot
    /// fill (CH21); a destination PSP fee that would leave the creditor nothing (AM01); funds below the amount plus the
    /// source PSP fee (AM04); a simulated refusal of the behaviour profile.
    /// </remarks>
    /// <param name="instruction">The customer's instruction; either side may be fixed, both are the same amount.</param>
    /// <param name="resolution">The acmt.024 answer for a proxy creditor, if the bank looked it up; without it the hub routes by proxy.</param>
    public OutboundResult BuildSameCurrencyOutbound(OutboundInstruction instruction, ProxyResolution? resolution = null)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var now = Now();
        var uetr = NextUetr();
        var rejection = CheckOutbound(instruction, out var bank, out var account, out var destination)
            ?? CheckSameCurrency(destination!)
            ?? CheckRequiredFields(instruction, account!, quoted: false);
        CorridorDefinition? corridor = null;
        if (rejection is null)
        {
            var found = _topology.TryGetCorridor(Ips, destination!.Id, out corridor);
            AdapterInvariant.Assert(found, "the corridor was checked before the fees");
            var destinationFee = corridor.DestinationPspFee.Compute(instruction.Amount);
            if (destinationFee.AmountMinor >= instruction.Amount.AmountMinor)
            {
                rejection = new Rejection(StatusReasonCode.AM01, "IntrBkSttlmAmt", $"after the destination PSP fee of {destinationFee} the creditor would receive nothing");
            }
        }

        return rejection is null
            ? Hold(instruction, new Terms(instruction.Amount, instruction.Amount, corridor!.SourcePspFee.Compute(instruction.Amount), null), resolution, bank!, account!, destination!, uetr, now)
            : new OutboundResult(null, Pacs008Version, uetr, new Money(0, Currency), rejection);
    }

    // The funds check, the simulated refusal, the hold and the message: common to quoted and same-currency payments.
    private OutboundResult Hold(
        OutboundInstruction instruction,
        Terms terms,
        ProxyResolution? resolution,
        BankProfile bank,
        AccountState account,
        IpsDefinition destination,
        Uetr uetr,
        DateTimeOffset now)
    {
        var none = new Money(0, Currency);
        var total = checked(terms.Instructed.AmountMinor + terms.SourcePspFee.AmountMinor);
        if (account.BalanceMinor - account.HeldMinor < total)
        {
            return new OutboundResult(null, Pacs008Version, uetr, none, new Rejection(
                StatusReasonCode.AM04, "DbtrAcct", $"available funds do not cover {new Money(total, Currency)} (amount and fee)"));
        }

        var injected = _profile.Behaviour.OutboundRejections.Draw(KeyedDraw.Ppm(_seed, uetr, DrawPurpose.OutboundRejection));
        if (injected != StatusReasonCode.None)
        {
            return new OutboundResult(null, Pacs008Version, uetr, none, new Rejection(
                injected, "DbtrAcct", $"simulated refusal by {bank.Participant.Name} ({StatusReasons.Meaning(injected)})"));
        }

        account.HeldMinor = checked(account.HeldMinor + total);
        var message = BuildMessage(instruction, terms, resolution, bank, account, destination, uetr, now);
        _outbound.Add(uetr, new OutboundRecord(account, terms.Instructed.AmountMinor, terms.SourcePspFee.AmountMinor));
        Remember(uetr);
        return new OutboundResult(message, Pacs008Version, uetr, new Money(total, Currency), null);
    }

    /// <summary>
    /// Applies the hub's status for an outgoing payment: ACCC/ACSC debits the debtor (instructed amount plus fee) and
    /// releases the hold; RJCT/BLCK releases the hold; interim statuses change nothing. Idempotent: once final, a
    /// repeated or contradicting status changes nothing.
    /// </summary>
    public FinalStatusOutcome OnFinalStatus(Uetr uetr, TransactionStatus status)
    {
        if (!_outbound.TryGetValue(uetr, out var record))
        {
            return FinalStatusOutcome.Unknown;
        }

        if (record.State != OutboundState.Held)
        {
            return FinalStatusOutcome.AlreadyFinal;
        }

        var total = record.InstructedMinor + record.FeeMinor;
        switch (status)
        {
            case TransactionStatus.ACCC or TransactionStatus.ACSC:
                record.Account.HeldMinor -= total;
                record.Account.BalanceMinor = checked(record.Account.BalanceMinor - total);
                AddFee(record.Account.Bank, record.FeeMinor);
                _settlementOutMinor = checked(_settlementOutMinor + record.InstructedMinor);
                record.State = OutboundState.Debited;
                return FinalStatusOutcome.Debited;
            case TransactionStatus.RJCT or TransactionStatus.BLCK:
                record.Account.HeldMinor -= total;
                record.State = OutboundState.Released;
                return FinalStatusOutcome.Released;
            default:
                return FinalStatusOutcome.Pending;
        }
    }

    /// <summary>Applies every transaction status of a pacs.002 from the hub (see <see cref="OnFinalStatus"/>); outcomes in order.</summary>
    public IReadOnlyList<FinalStatusOutcome> OnStatusReport(PaymentStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var outcomes = new List<FinalStatusOutcome>(report.Transactions.Count);
        foreach (var tx in report.Transactions)
        {
            outcomes.Add(tx.OriginalUetr is { } uetr && tx.Status is { } status ? OnFinalStatus(uetr, status) : FinalStatusOutcome.Unknown);
        }

        return outcomes;
    }

    private Rejection? CheckOutbound(OutboundInstruction instruction, out BankProfile? bank, out AccountState? account, out IpsDefinition? destination)
    {
        account = null;
        destination = null;
        if (!_profile.TryGetBank(instruction.DebtorAgent, out bank))
        {
            return new Rejection(StatusReasonCode.RC01, "DbtrAgt/FinInstnId/BICFI", $"{instruction.DebtorAgent} is not a bank of {Ips}");
        }

        if (!_accounts.TryGetValue(new AccountKey(BicKey.Of(bank.Bic), instruction.DebtorAccount), out account))
        {
            return new Rejection(StatusReasonCode.AC01, "DbtrAcct/Id", $"{bank.Participant.Name} has no account {instruction.DebtorAccount}");
        }

        if (account.Status != AccountStatus.Active)
        {
            return account.Status == AccountStatus.Closed
                ? new Rejection(StatusReasonCode.AC04, "DbtrAcct/Id", "the debtor account is closed")
                : new Rejection(StatusReasonCode.AC06, "DbtrAcct/Id", "the debtor account is blocked");
        }

        if (instruction.DestinationIps == Ips || !_topology.TryGetIps(instruction.DestinationIps, out destination)
            || !_topology.TryGetCorridor(Ips, instruction.DestinationIps, out var corridor) || !corridor.Enabled)
        {
            return new Rejection(StatusReasonCode.AG01, "CdtrAgt", $"no open corridor from {Ips} to {instruction.DestinationIps}");
        }

        var creditor = instruction.Creditor;
        if (creditor.IsProxy)
        {
            if (!destination.SupportsProxyType(creditor.ProxyType))
            {
                return new Rejection(StatusReasonCode.BE23, "CdtrAcct/Prxy/Tp", $"{destination.Id} does not resolve {creditor.ProxyType} proxies");
            }
        }
        else if (!_topology.TryGetParticipant(creditor.Bank!.Value, out var creditorBank) || creditorBank.Ips != destination.Id)
        {
            return new Rejection(StatusReasonCode.RC01, "CdtrAgt/FinInstnId/BICFI", $"{creditor.Bank} is not a bank of {destination.Id}");
        }

        var expected = instruction.AmountFixedIn == FixedSide.Source ? Currency : destination.Currency;
        if (instruction.Amount.Currency != expected)
        {
            return new Rejection(StatusReasonCode.CURR, "InstdAmt", $"an amount fixed in the {instruction.AmountFixedIn.ToString().ToUpperInvariant()} side must be in {expected.Code}");
        }

        return instruction.Amount.AmountMinor > 0
            ? null
            : new Rejection(StatusReasonCode.AM01, "InstdAmt", "the amount must be greater than zero");
    }

    private Rejection? CheckQuote(OutboundInstruction instruction, Quote quote, DateTimeOffset now)
    {
        if (quote.SourceIps != Ips || quote.DestinationIps != instruction.DestinationIps)
        {
            return new Rejection(StatusReasonCode.AG01, QuoteBook.QuoteIdField, "the quote was issued for another corridor");
        }

        if (!BicKey.Same(quote.IssuedTo, instruction.DebtorAgent))
        {
            return new Rejection(StatusReasonCode.AGNT, QuoteBook.QuoteIdField, "the quote was issued to another PSP");
        }

        var fixedAmount = quote.AmountIsFixedIn == FixedSide.Source ? quote.SourceAmount : quote.DestinationAmount;
        if (quote.AmountIsFixedIn != instruction.AmountFixedIn || fixedAmount != instruction.Amount)
        {
            return new Rejection(StatusReasonCode.AM09, "InstdAmt", "the quote is for another amount than the instruction");
        }

        return quote.IsValidAt(now)
            ? null
            : new Rejection(StatusReasonCode.TM01, QuoteBook.QuoteIdField, "the quote is no longer honoured; ask for a new one");
    }

    private Rejection? CheckSameCurrency(IpsDefinition destination) =>
        destination.Currency == Currency
            ? null
            : new Rejection(StatusReasonCode.CURR, "IntrBkSttlmAmt", $"{destination.Id} settles {destination.Currency.Code}, not {Currency.Code}: a cross-currency payment needs an FX quote");

    // The destination's required elements the bank must be able to fill; the debtor and creditor accounts are always
    // present, and so is the remittance information of a quoted payment (it carries the quote id). A same-currency
    // payment has remittance information only when the customer wrote a message.
    private Rejection? CheckRequiredFields(OutboundInstruction instruction, AccountState account, bool quoted = true)
    {
        var found = _topology.TryGetCorridor(Ips, instruction.DestinationIps, out var corridor);
        AdapterInvariant.Assert(found, "the corridor was checked before the required fields");
        var debtor = account.Profile;
        foreach (var field in corridor.RequiredFields)
        {
            var (missing, path) = field switch
            {
                RequiredField.Purpose => (instruction.PurposeCode is null, "CdtTrfTxInf/Purp/Cd"),
                RequiredField.CreditorAddress => (instruction.CreditorAddress is null, "CdtTrfTxInf/Cdtr/PstlAdr"),
                RequiredField.DebtorAddress => (debtor.Address is null, "CdtTrfTxInf/Dbtr/PstlAdr"),
                RequiredField.DebtorDateOfBirth => (debtor.BirthDate is null, "CdtTrfTxInf/Dbtr/Id/PrvtId/DtAndPlcOfBirth"),
                RequiredField.DebtorNationalId => (debtor.NationalId is null, "CdtTrfTxInf/Dbtr/Id/PrvtId/Othr"),
                RequiredField.RemittanceInformation => (!quoted && instruction.RemittanceText is not { Length: > 0 }, "CdtTrfTxInf/RmtInf"),
                _ => (false, string.Empty),
            };
            if (missing)
            {
                return new Rejection(StatusReasonCode.CH21, path, $"{instruction.DestinationIps} requires this element and the instruction or the customer record lacks it");
            }
        }

        return null;
    }

    private CustomerCreditTransfer BuildMessage(
        OutboundInstruction instruction,
        Terms terms,
        ProxyResolution? resolution,
        BankProfile bank,
        AccountState account,
        IpsDefinition destination,
        Uetr uetr,
        DateTimeOffset now)
    {
        _topology.TryGetCorridor(Ips, destination.Id, out var corridor);
        var debtorAgent = AgentFor(bank.Bic);
        var creditor = instruction.Creditor;
        Bic? creditorBic = resolution?.Bank ?? creditor.Bank;
        var creditorAgent = creditorBic is { } known ? AgentFor(known) : new Agent();
        var creditorNumber = resolution?.AccountNumber ?? creditor.AccountNumber;
        var messageId = NextId("P8", now);
        var date = DateOnly.FromDateTime(now.UtcDateTime);
        var debtor = account.Profile;
        var needsIdentity = corridor!.Requires(RequiredField.DebtorDateOfBirth) || corridor.Requires(RequiredField.DebtorNationalId);
        var unstructured = instruction.RemittanceText is { Length: > 0 } text
            ? ValueList<string>.Of(text.Length <= 140 ? text : text[..140])
            : default;
        return new CustomerCreditTransfer
        {
            GroupHeader = new GroupHeader
            {
                MessageId = messageId,
                CreationDateTime = now,
                TotalInterbankSettlementAmount = terms.Settlement,
                InterbankSettlementDate = date,
                Settlement = new SettlementInformation { Method = SettlementMethod.CLRG, ClearingSystem = CodeOrProprietary.FromProprietary(NexusClearingSystem) },
            },
            Transactions = ValueList<CreditTransferTransaction>.Of(new CreditTransferTransaction
            {
                PaymentId = new PaymentIdentification
                {
                    InstructionId = NextId("IN", now),
                    EndToEndId = string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}-{now:yyyyMMdd}-{_sequence % 100_000_000:D8}"),
                    TransactionId = NextId("TX", now),
                    Uetr = uetr,
                },
                PaymentType = new PaymentTypeInformation
                {
                    InstructionPriority = instruction.Priority,
                    ServiceLevels = ValueList<CodeOrProprietary>.Of(CodeOrProprietary.FromProprietary(NexusClearingSystem)),
                },
                InterbankSettlementAmount = terms.Settlement,
                InterbankSettlementDate = date,
                AcceptanceDateTime = now,
                InstructedAmount = terms.Instructed,
                ExchangeRate = terms.Quote?.Rate,
                ChargeBearer = ChargeBearer.SLEV,
                InstructingAgent = debtorAgent,
                InstructedAgent = creditorBic is null ? null : creditorAgent,
                IntermediaryAgent1 = terms.Quote is null ? null : SettlementAccessProvider(Ips, terms.Quote.FxProvider),
                IntermediaryAgent2 = terms.Quote is null ? null : SettlementAccessProvider(destination.Id, terms.Quote.FxProvider),
                Debtor = new Party
                {
                    Name = debtor.Holder,
                    PostalAddress = debtor.Address,
                    Identification = needsIdentity ? Identity(debtor) : null,
                    CountryOfResidence = _profile.Ips.Country,
                },
                DebtorAccount = new Account
                {
                    Other = new GenericIdentification { Id = debtor.Number, SchemeName = CodeOrProprietary.FromCode("BBAN") },
                    Currency = Currency,
                },
                DebtorAgent = debtorAgent,
                CreditorAgent = creditorAgent,
                Creditor = new Party
                {
                    Name = resolution?.HolderName ?? instruction.CreditorName,
                    PostalAddress = instruction.CreditorAddress,
                },
                CreditorAccount = new Account
                {
                    Other = creditorNumber is null ? null : new GenericIdentification { Id = creditorNumber, SchemeName = CodeOrProprietary.FromCode("BBAN") },
                    Currency = destination.Currency,
                    Proxy = creditor.IsProxy ? ProxyOf(creditor.ProxyType!, creditor.ProxyValue!) : null,
                },
                Purpose = instruction.PurposeCode is { } purpose ? CodeOrProprietary.FromCode(purpose) : null,
                RemittanceInformation = terms.Quote is { } priced
                    ? new RemittanceInformation
                    {
                        Unstructured = unstructured,
                        Structured = ValueList<StructuredRemittance>.Of(new StructuredRemittance
                        {
                            // Nexus has no element for the FX quote, so it travels in AddtlRmtInf (Nexus pacs.008 guide).
                            AdditionalInformation = ValueList<string>.Of(QuoteIdPrefix + priced.QuoteId),
                        }),
                    }
                    : unstructured.Count > 0 ? new RemittanceInformation { Unstructured = unstructured } : null,
            }),
        };
    }

    private PartyIdentification Identity(CustomerAccountProfile debtor) => new()
    {
        Kind = debtor.Kind,
        DateAndPlaceOfBirth = debtor.BirthDate is { } born && debtor.Kind == PartyKind.Person
            ? new DateAndPlaceOfBirth { BirthDate = born, CityOfBirth = debtor.BirthCity!, CountryOfBirth = _profile.Ips.Country }
            : null,
        Other = debtor.NationalId is { } id
            ? ValueList<GenericIdentification>.Of(new GenericIdentification { Id = id, SchemeName = CodeOrProprietary.FromCode("NIDN") })
            : default,
    };

    // Nexus names the FX provider's settlement access providers: the FX provider itself if it is an SAP of that IPS,
    // else the first active SAP of the IPS in the topology. None if the IPS has no SAP.
    private Agent? SettlementAccessProvider(IpsId ips, Bic fxProvider)
    {
        if (_topology.TryGetParticipant(fxProvider, out var provider) && provider.Ips == ips && provider.IsActive
            && provider.HasRole(ParticipantRoles.SettlementAccessProvider))
        {
            return new Agent { Bicfi = provider.Bic, Name = provider.Name };
        }

        foreach (var participant in _topology.Participants)
        {
            if (participant.Ips == ips && participant.IsActive && participant.HasRole(ParticipantRoles.SettlementAccessProvider))
            {
                return new Agent { Bicfi = participant.Bic, Name = participant.Name };
            }
        }

        return null;
    }

    internal static Proxy ProxyOf(string type, string value) => new()
    {
        Type = Array.IndexOf(IsoProxyTypes, type) >= 0 ? CodeOrProprietary.FromCode(type) : CodeOrProprietary.FromProprietary(type),
        Id = value,
    };

    // What the payment moves: the instructed amount (source currency), the settlement amount (destination currency),
    // the source PSP fee, and the quote that priced a conversion (null for a same-currency payment).
    private readonly record struct Terms(Money Instructed, Money Settlement, Money SourcePspFee, Quote? Quote);

    private enum OutboundState
    {
        Held,
        Debited,
        Released,
        Returned,
    }

    private sealed class OutboundRecord(AccountState account, long instructedMinor, long feeMinor)
    {
        public AccountState Account { get; } = account;

        public long InstructedMinor { get; } = instructedMinor;

        public long FeeMinor { get; } = feeMinor;

        public OutboundState State { get; set; } = OutboundState.Held;
    }
}
