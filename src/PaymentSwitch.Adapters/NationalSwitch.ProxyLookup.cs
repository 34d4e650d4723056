using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Adapters;

// Proxy lookups (acmt.023 → acmt.024): this IPS's proxy directory answers whose mobile number, national id or
// business registration number a proxy is, with the account and a masked name for the sender to confirm.
public sealed partial class NationalSwitch
{
    /// <summary>The acmt.023 a bank of this IPS sends to resolve a proxy registered in <paramref name="destination"/>.</summary>
    public IdentificationVerificationRequest BuildProxyLookup(Bic requestingAgent, IpsId destination, string proxyType, string proxyValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(proxyType);
        ArgumentException.ThrowIfNullOrWhiteSpace(proxyValue);
        var now = Now();
        var directoryName = _topology.TryGetIps(destination, out var ips) ? ips.Name : destination.Value;
        return new IdentificationVerificationRequest
        {
            Assignment = new Assignment
            {
                Id = NextId("PL", now),
                Assigner = new PartyOrAgent { Agent = AgentFor(requestingAgent) },
                Assignee = new PartyOrAgent { Agent = new Agent { Name = $"{directoryName} proxy directory" } },
                CreationDateTime = now,
            },
            Verifications = ValueList<VerificationRequest>.Of(new VerificationRequest
            {
                Id = NextId("PV", now),
                PartyAndAccount = new PartyAndAccount { Account = new Account { Proxy = ProxyOf(proxyType, proxyValue) } },
            }),
        };
    }

    /// <summary>
    /// Answers an acmt.023 from this IPS's proxy directory: per verification, the bank, account number, holder name and
    /// masked display name (<c>UpdtdPtyAndAcctId</c>), or not verified with BE23 (unknown proxy), AC04 (closed) or AC06
    /// (blocked). The directory answers even when the IPS's payment service is in an outage (it is a separate service).
    /// </summary>
    public IdentificationVerificationReport ProxyLookup(IdentificationVerificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = Now();
        var reports = new List<VerificationResult>(request.Verifications.Count);
        foreach (var verification in request.Verifications)
        {
            reports.Add(Verify(verification));
        }

        return new IdentificationVerificationReport
        {
            Assignment = new Assignment
            {
                Id = NextId("PR", now),
                Assigner = new PartyOrAgent { Agent = new Agent { Name = $"{_profile.Ips.Name} proxy directory" } },
                Assignee = request.Assignment.Assigner,
                CreationDateTime = now,
            },
            OriginalAssignmentMessageId = request.Assignment.Id,
            OriginalAssignmentCreationDateTime = request.Assignment.CreationDateTime,
            Reports = ValueList<VerificationResult>.TakeOwnership(reports.ToArray()),
        };
    }

    private VerificationResult Verify(VerificationRequest verification)
    {
        var proxy = verification.PartyAndAccount.Account?.Proxy;
        if (proxy is null || !_proxies.TryGetValue(proxy.Id, out var entry)
            || !_accounts.TryGetValue(new AccountKey(BicKey.Of(entry.Bank), entry.AccountNumber), out var account))
        {
            return NotVerified(verification, StatusReasonCode.BE23);
        }

        if (account.Status != AccountStatus.Active)
        {
            return NotVerified(verification, account.Status == AccountStatus.Closed ? StatusReasonCode.AC04 : StatusReasonCode.AC06);
        }

        var holder = account.Profile.Holder;
        return new VerificationResult
        {
            OriginalId = verification.Id,
            Verified = true,
            OriginalPartyAndAccount = verification.PartyAndAccount,
            UpdatedPartyAndAccount = new PartyAndAccount
            {
                Party = new Party { Name = holder },
                Account = new Account
                {
                    Other = new GenericIdentification { Id = entry.AccountNumber, SchemeName = CodeOrProprietary.FromCode("BBAN") },
                    Currency = Currency,

                    // The masked display name shown to the sender before approval (PayNow–PromptPay practice).
                    Name = NameMasking.Mask(holder),
                    Proxy = ProxyOf(entry.Type, entry.Value),
                },
                Agent = AgentFor(entry.Bank),
            },
        };
    }

    private static VerificationResult NotVerified(VerificationRequest verification, StatusReasonCode reason) => new()
    {
        OriginalId = verification.Id,
        Verified = false,
        Reason = CodeOrProprietary.FromCode(StatusReasons.ToCode(reason)),
        OriginalPartyAndAccount = verification.PartyAndAccount,
    };
}
