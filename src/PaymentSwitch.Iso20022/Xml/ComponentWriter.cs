using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>Writes the shared components in XSD sequence order. Null values write nothing.</summary>
internal static class ComponentWriter
{
    public static void CodeOrProprietary(IsoXmlWriter w, string name, CodeOrProprietary? value)
    {
        if (value is not { } v)
        {
            return;
        }

        w.Start(name);
        if (v.Code is not null)
        {
            w.Text("Cd", v.Code);
        }
        else
        {
            w.Text("Prtry", v.Proprietary);
        }

        w.End();
    }

    public static void PostalAddress(IsoXmlWriter w, PostalAddress? a)
    {
        if (a is null)
        {
            return;
        }

        var wide = w.Modern ? 140 : 35;
        w.Start("PstlAdr");
        if (w.Modern)
        {
            w.Text("CareOf", a.CareOf);
        }
        else if (a.CareOf is not null)
        {
            w.Omit("CareOf (not in PostalAddress24)");
        }

        w.Text("Dept", a.Department);
        w.Text("SubDept", a.SubDepartment);
        w.Text("StrtNm", a.StreetName, w.Modern ? 140 : 70);
        w.Text("BldgNb", a.BuildingNumber);
        w.Text("BldgNm", a.BuildingName, wide);
        w.Text("Flr", a.Floor);
        if (w.Modern)
        {
            w.Text("UnitNb", a.UnitNumber);
        }
        else if (a.UnitNumber is not null)
        {
            w.Omit("UnitNb (not in PostalAddress24)");
        }

        w.Text("PstBx", a.PostBox);
        w.Text("Room", a.Room);
        w.Text("PstCd", a.PostCode);
        w.Text("TwnNm", a.TownName, wide);
        w.Text("TwnLctnNm", a.TownLocationName, wide);
        w.Text("DstrctNm", a.DistrictName, wide);
        w.Text("CtrySubDvsn", a.CountrySubDivision);
        w.Value("Ctry", a.Country?.Value);
        w.Texts("AdrLine", a.AddressLines);
        w.End();
    }

    public static void Agent(IsoXmlWriter w, string name, Agent? agent)
    {
        if (agent is null)
        {
            return;
        }

        w.Start(name);
        w.Start("FinInstnId");
        w.Value("BICFI", agent.Bicfi?.Value);
        if (agent.ClearingSystemMember is { } member)
        {
            w.Start("ClrSysMmbId");
            CodeOrProprietary(w, "ClrSysId", member.ClearingSystem);
            w.Text("MmbId", member.MemberId);
            w.End();
        }

        w.Value("LEI", agent.Lei?.Value);
        w.Text("Nm", agent.Name);
        PostalAddress(w, agent.PostalAddress);
        w.End();
        w.End();
    }

    public static void Party(IsoXmlWriter w, string name, Party? party)
    {
        if (party is null)
        {
            return;
        }

        w.Start(name);
        w.Text("Nm", party.Name);
        PostalAddress(w, party.PostalAddress);
        if (party.Identification is { } id)
        {
            w.Start("Id");
            if (id.Kind == PartyKind.Organisation)
            {
                w.Start("OrgId");
                w.Value("AnyBIC", id.AnyBic?.Value);
                w.Value("LEI", id.Lei?.Value);
                Others(w, id.Other, w.Modern ? 256 : 35);
                w.End();
            }
            else
            {
                w.Start("PrvtId");
                if (id.DateAndPlaceOfBirth is { } birth)
                {
                    w.Start("DtAndPlcOfBirth");
                    w.Date("BirthDt", birth.BirthDate);
                    w.Text("PrvcOfBirth", birth.ProvinceOfBirth);
                    w.Text("CityOfBirth", birth.CityOfBirth);
                    w.Value("CtryOfBirth", birth.CountryOfBirth.Value);
                    w.End();
                }

                Others(w, id.Other, w.Modern ? 256 : 35);
                w.End();
            }

            w.End();
        }

        w.Value("CtryOfRes", party.CountryOfResidence?.Value);
        w.End();
    }

    private static void Others(IsoXmlWriter w, ValueList<GenericIdentification> others, int idMax)
    {
        foreach (var other in others)
        {
            if (other.Id.Length > idMax)
            {
                w.Omit($"Othr/Id '{other.Id}' ({other.Id.Length} characters; this version allows {idMax})");
                continue;
            }

            Generic(w, other);
        }
    }

    private static void Generic(IsoXmlWriter w, GenericIdentification other)
    {
        w.Start("Othr");
        w.Text("Id", other.Id);
        CodeOrProprietary(w, "SchmeNm", other.SchemeName);
        w.Text("Issr", other.Issuer);
        w.End();
    }

    public static void PartyOrAgent(IsoXmlWriter w, string name, PartyOrAgent? value)
    {
        if (value is null)
        {
            return;
        }

        w.Start(name);
        if (value.Party is not null)
        {
            Party(w, "Pty", value.Party);
        }
        else
        {
            Agent(w, "Agt", value.Agent);
        }

        w.End();
    }

    public static void Account(IsoXmlWriter w, string name, Account? account)
    {
        if (account is null)
        {
            return;
        }

        if (account.Iban is null && account.Other is null && !w.AccountIdOptional)
        {
            w.Omit($"{name} (no Id; CashAccount38 requires one)");
            return;
        }

        w.Start(name);
        if (account.Iban is { } iban)
        {
            w.Start("Id");
            w.Value("IBAN", iban.Value);
            w.End();
        }
        else if (account.Other is { } other)
        {
            w.Start("Id");
            Generic(w, other);
            w.End();
        }

        CodeOrProprietary(w, "Tp", account.Type);
        w.Value("Ccy", account.Currency?.Code);
        w.Text("Nm", account.Name);
        if (account.Proxy is { } proxy)
        {
            w.Start("Prxy");
            CodeOrProprietary(w, "Tp", proxy.Type);
            w.Text("Id", proxy.Id);
            w.End();
        }

        w.End();
    }

    public static void PaymentIdentification(IsoXmlWriter w, PaymentIdentification id)
    {
        w.Start("PmtId");
        w.Text("InstrId", id.InstructionId);
        w.Text("EndToEndId", id.EndToEndId);
        w.Text("TxId", id.TransactionId);
        w.Value("UETR", id.Uetr?.ToString());
        w.Text("ClrSysRef", id.ClearingSystemReference);
        w.End();
    }

    public static void PaymentType(IsoXmlWriter w, PaymentTypeInformation? type)
    {
        if (type is null)
        {
            return;
        }

        w.Start("PmtTpInf");
        w.Code("InstrPrty", type.InstructionPriority);
        foreach (var level in type.ServiceLevels)
        {
            CodeOrProprietary(w, "SvcLvl", level);
        }

        CodeOrProprietary(w, "LclInstrm", type.LocalInstrument);
        CodeOrProprietary(w, "CtgyPurp", type.CategoryPurpose);
        w.End();
    }

    public static void Settlement(IsoXmlWriter w, SettlementInformation? settlement)
    {
        if (settlement is null)
        {
            return;
        }

        w.Start("SttlmInf");
        w.Code<SettlementMethod>("SttlmMtd", settlement.Method);
        CodeOrProprietary(w, "ClrSys", settlement.ClearingSystem);
        w.End();
    }

    public static void Charges(IsoXmlWriter w, ValueList<Charge> charges)
    {
        foreach (var charge in charges)
        {
            w.Start("ChrgsInf");
            w.Amount("Amt", charge.Amount);
            Agent(w, "Agt", charge.Agent);
            w.End();
        }
    }

    public static void RegulatoryReporting(IsoXmlWriter w, ValueList<RegulatoryReporting> reports)
    {
        foreach (var report in reports)
        {
            w.Start("RgltryRptg");
            w.Code("DbtCdtRptgInd", report.Side);
            if (report.Authority is { } authority)
            {
                w.Start("Authrty");
                w.Text("Nm", authority.Name);
                w.Value("Ctry", authority.Country?.Value);
                w.End();
            }

            foreach (var detail in report.Details)
            {
                w.Start("Dtls");
                w.Text("Tp", detail.Type);
                w.Date("Dt", detail.Date);
                w.Value("Ctry", detail.Country?.Value);
                w.Text("Cd", detail.Code);
                w.Amount("Amt", detail.Amount);
                w.Texts("Inf", detail.Information);
                w.End();
            }

            w.End();
        }
    }

    public static void RemittanceInformation(IsoXmlWriter w, RemittanceInformation? remittance)
    {
        if (remittance is null)
        {
            return;
        }

        w.Start("RmtInf");
        w.Texts("Ustrd", remittance.Unstructured);
        foreach (var structured in remittance.Structured)
        {
            w.Start("Strd");
            foreach (var document in structured.ReferredDocuments)
            {
                w.Start("RfrdDocInf");
                TypeWithIssuer(w, document.Type, document.TypeIssuer, ReferredDocumentCodes);
                w.Text("Nb", document.Number);
                if (document.RelatedDate is { } date)
                {
                    if (w.Modern)
                    {
                        // DateAndType1 needs a date type; the model keeps only the date, so we say what it is.
                        w.Start("RltdDt");
                        w.Start("Tp");
                        w.Text("Prtry", "DocumentDate");
                        w.End();
                        w.Date("Dt", date);
                        w.End();
                    }
                    else
                    {
                        w.Date("RltdDt", date);
                    }
                }

                w.End();
            }

            if (structured.DuePayableAmount is not null || structured.RemittedAmount is not null)
            {
                w.Start("RfrdDocAmt");
                if (w.Modern)
                {
                    TypedAmount(w, ComponentReader.DuePayableCode, structured.DuePayableAmount);
                    TypedAmount(w, ComponentReader.RemittedCode, structured.RemittedAmount);
                }
                else
                {
                    w.Amount("DuePyblAmt", structured.DuePayableAmount);
                    w.Amount("RmtdAmt", structured.RemittedAmount);
                }

                w.End();
            }

            if (structured.CreditorReference is { } reference)
            {
                w.Start("CdtrRefInf");
                TypeWithIssuer(w, reference.Type, reference.TypeIssuer, CreditorReferenceCodes);
                w.Text("Ref", reference.Reference);
                w.End();
            }

            Party(w, "Invcr", structured.Invoicer);
            Party(w, "Invcee", structured.Invoicee);
            w.Texts("AddtlRmtInf", structured.AdditionalInformation);
            w.End();
        }

        w.End();
    }

    private static void TypedAmount(IsoXmlWriter w, string code, Domain.Money? amount)
    {
        if (amount is null)
        {
            return;
        }

        w.Start("RmtAmtAndTp");
        w.Start("Tp");
        w.Text("Cd", code);
        w.End();
        w.Amount("Amt", amount);
        w.End();
    }

    // In the older component family the referred-document and creditor-reference type codes are closed
    // enumerations (DocumentType6Code, DocumentType3Code); the newer family takes any external code.
    private static readonly HashSet<string> ReferredDocumentCodes =
        ["MSIN", "CNFA", "DNFA", "CINV", "CREN", "DEBN", "HIRI", "SBIN", "CMCN", "SOAC", "DISP", "BOLD", "VCHR", "AROI", "TSUT", "PUOR"];

    private static readonly HashSet<string> CreditorReferenceCodes = ["RADM", "RPIN", "FXDR", "DISP", "PUOR", "SCOR"];

    private static void TypeWithIssuer(IsoXmlWriter w, CodeOrProprietary? type, string? issuer, HashSet<string> olderCodes)
    {
        if (!w.Modern && type?.Code is { } code && !olderCodes.Contains(code))
        {
            w.Omit($"Tp (code '{code}' is not in this version's code list)");
            return;
        }

        // CdOrPrtry is mandatory inside Tp, so an issuer alone cannot be written.
        if (type is null)
        {
            if (issuer is not null)
            {
                w.Omit("Tp/Issr (no CdOrPrtry to go with it)");
            }

            return;
        }

        w.Start("Tp");
        CodeOrProprietary(w, "CdOrPrtry", type);
        w.Text("Issr", issuer);
        w.End();
    }

    public static void OriginalGroup(IsoXmlWriter w, string name, OriginalGroupInformation? group)
    {
        if (group is null)
        {
            return;
        }

        w.Start(name);
        OriginalGroupFields(w, group);
        w.End();
    }

    /// <summary>Writes OrgnlMsgId, OrgnlMsgNmId and OrgnlCreDtTm without a wrapper.</summary>
    public static void OriginalGroupFields(IsoXmlWriter w, OriginalGroupInformation group)
    {
        w.Text("OrgnlMsgId", group.OriginalMessageId);
        w.Text("OrgnlMsgNmId", group.OriginalMessageNameId);
        w.DateTime("OrgnlCreDtTm", group.OriginalCreationDateTime);
    }

    public static void Reasons(IsoXmlWriter w, string name, ValueList<ReasonInformation> reasons)
    {
        foreach (var reason in reasons)
        {
            w.Start(name);
            Party(w, "Orgtr", reason.Originator);
            CodeOrProprietary(w, "Rsn", reason.Reason);
            w.Texts("AddtlInf", reason.AdditionalInformation);
            w.End();
        }
    }

    public static void Case(IsoXmlWriter w, string name, InvestigationCase? @case)
    {
        if (@case is null)
        {
            return;
        }

        w.Start(name);
        w.Text("Id", @case.Id);
        PartyOrAgent(w, "Cretr", @case.Creator);
        w.End();
    }

    public static void OriginalTransactionReference(IsoXmlWriter w, OriginalTransactionReference? reference)
    {
        if (reference is null)
        {
            return;
        }

        w.Start("OrgnlTxRef");
        w.Amount("IntrBkSttlmAmt", reference.InterbankSettlementAmount);
        if (reference.InstructedAmount is not null)
        {
            w.Start("Amt");
            w.Amount("InstdAmt", reference.InstructedAmount);
            w.End();
        }

        w.Date("IntrBkSttlmDt", reference.InterbankSettlementDate);
        Settlement(w, reference.Settlement);
        PaymentType(w, reference.PaymentType);
        RemittanceInformation(w, reference.RemittanceInformation);
        PartyOrAgent(w, "UltmtDbtr", reference.UltimateDebtor);
        PartyOrAgent(w, "Dbtr", reference.Debtor);
        Account(w, "DbtrAcct", reference.DebtorAccount);
        Agent(w, "DbtrAgt", reference.DebtorAgent);
        Agent(w, "CdtrAgt", reference.CreditorAgent);
        PartyOrAgent(w, "Cdtr", reference.Creditor);
        Account(w, "CdtrAcct", reference.CreditorAccount);
        PartyOrAgent(w, "UltmtCdtr", reference.UltimateCreditor);
        CodeOrProprietary(w, "Purp", reference.Purpose);
        w.End();
    }

    /// <summary>Writes a case assignment; acmt messages name the id <c>MsgId</c> and order the fields differently.</summary>
    public static void Assignment(IsoXmlWriter w, Assignment assignment, bool acmt)
    {
        w.Start("Assgnmt");
        if (acmt)
        {
            w.Text("MsgId", assignment.Id);
            w.DateTime("CreDtTm", assignment.CreationDateTime);
            PartyOrAgent(w, "Assgnr", assignment.Assigner);
            PartyOrAgent(w, "Assgne", assignment.Assignee);
        }
        else
        {
            w.Text("Id", assignment.Id);
            PartyOrAgent(w, "Assgnr", assignment.Assigner);
            PartyOrAgent(w, "Assgne", assignment.Assignee);
            w.DateTime("CreDtTm", assignment.CreationDateTime);
        }

        w.End();
    }
}
