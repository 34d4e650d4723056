using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// Reads the components shared by all messages (agents, parties, accounts, remittance, ...). Each
/// method starts on the component's element and consumes it. Limits follow the XSD types; where the
/// newer component family (pacs.008.001.13) allows longer texts, <see cref="IsoXmlCursor.Modern"/> decides.
/// </summary>
internal static class ComponentReader
{
    public static CodeOrProprietary? CodeOrProprietary(IsoXmlCursor c, int codeMax, int proprietaryMax = 35)
    {
        string? code = null;
        string? proprietary = null;
        var count = 0;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Cd":
                        code = c.ReadCode(codeMax);
                        count++;
                        break;
                    case "Prtry":
                        proprietary = c.ReadText(proprietaryMax);
                        count++;
                        break;
                    default:
                        c.SkipUnknown();
                        break;
                }
            }
        }

        if (count > 1)
        {
            c.Error("Exactly one of Cd or Prtry is allowed.", StatusReasonCode.FF01);
            return null;
        }

        if (code is not null)
        {
            return Domain.Iso20022.CodeOrProprietary.FromCode(code);
        }

        if (proprietary is not null)
        {
            return Domain.Iso20022.CodeOrProprietary.FromProprietary(proprietary);
        }

        if (count == 0)
        {
            c.Missing("Cd");
        }

        return null;
    }

    public static PostalAddress PostalAddress(IsoXmlCursor c)
    {
        var wide = c.Modern ? 140 : 35;
        var street = c.Modern ? 140 : 70;
        string? careOf = null, dept = null, subDept = null, strtNm = null, bldgNb = null, bldgNm = null, flr = null, unitNb = null;
        string? pstBx = null, room = null, pstCd = null, twnNm = null, twnLctnNm = null, dstrctNm = null, ctrySubDvsn = null;
        CountryCode? country = null;
        List<string>? lines = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "CareOf" when c.Modern: careOf = c.ReadText(140); break;
                    case "Dept": dept = c.ReadText(70); break;
                    case "SubDept": subDept = c.ReadText(70); break;
                    case "StrtNm": strtNm = c.ReadText(street); break;
                    case "BldgNb": bldgNb = c.ReadText(16); break;
                    case "BldgNm": bldgNm = c.ReadText(wide); break;
                    case "Flr": flr = c.ReadText(70); break;
                    case "UnitNb" when c.Modern: unitNb = c.ReadText(16); break;
                    case "PstBx": pstBx = c.ReadText(16); break;
                    case "Room": room = c.ReadText(70); break;
                    case "PstCd": pstCd = c.ReadText(16); break;
                    case "TwnNm": twnNm = c.ReadText(wide); break;
                    case "TwnLctnNm": twnLctnNm = c.ReadText(wide); break;
                    case "DstrctNm": dstrctNm = c.ReadText(wide); break;
                    case "CtrySubDvsn": ctrySubDvsn = c.ReadText(35); break;
                    case "Ctry": country = c.ReadCountry(); break;
                    case "AdrLine":
                        lines ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        if (lines.Count >= 7)
                        {
                            c.TooMany(7);
                            c.SkipUnknown();
                            break;
                        }

                        if (c.ReadText(70) is { } line)
                        {
                            lines.Add(line);
                        }

                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new PostalAddress
        {
            CareOf = careOf, Department = dept, SubDepartment = subDept, StreetName = strtNm, BuildingNumber = bldgNb,
            BuildingName = bldgNm, Floor = flr, UnitNumber = unitNb, PostBox = pstBx, Room = room, PostCode = pstCd,
            TownName = twnNm, TownLocationName = twnLctnNm, DistrictName = dstrctNm, CountrySubDivision = ctrySubDvsn,
            Country = country, AddressLines = lines,
        };
    }

    /// <summary>Reads a BranchAndFinancialInstitutionIdentification (the element holding <c>FinInstnId</c>).</summary>
    public static Agent? Agent(IsoXmlCursor c)
    {
        Agent? agent = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "FinInstnId": agent = FinancialInstitution(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (agent is null)
        {
            c.Missing("FinInstnId");
        }

        return agent;
    }

    private static Agent FinancialInstitution(IsoXmlCursor c)
    {
        Bic? bic = null;
        ClearingSystemMember? member = null;
        Lei? lei = null;
        string? name = null;
        PostalAddress? address = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "BICFI": bic = c.ReadBic(); break;
                    case "ClrSysMmbId": member = ClearingSystemMember(c); break;
                    case "LEI": lei = c.ReadLei(); break;
                    case "Nm": name = c.ReadText(140); break;
                    case "PstlAdr": address = PostalAddress(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new Agent { Bicfi = bic, ClearingSystemMember = member, Lei = lei, Name = name, PostalAddress = address };
    }

    private static ClearingSystemMember? ClearingSystemMember(IsoXmlCursor c)
    {
        CodeOrProprietary? system = null;
        string? memberId = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "ClrSysId": system = CodeOrProprietary(c, 5); break;
                    case "MmbId": memberId = c.ReadText(35); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (memberId is null)
        {
            c.Missing("MmbId");
            return null;
        }

        return new ClearingSystemMember { ClearingSystem = system, MemberId = memberId };
    }

    public static Party Party(IsoXmlCursor c)
    {
        string? name = null;
        PostalAddress? address = null;
        PartyIdentification? id = null;
        CountryCode? residence = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Nm": name = c.ReadText(140); break;
                    case "PstlAdr": address = PostalAddress(c); break;
                    case "Id": id = PartyIdentification(c); break;
                    case "CtryOfRes": residence = c.ReadCountry(); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new Party { Name = name, PostalAddress = address, Identification = id, CountryOfResidence = residence };
    }

    private static PartyIdentification? PartyIdentification(IsoXmlCursor c)
    {
        PartyIdentification? id = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "OrgId" when id is null: id = OrganisationOrPerson(c, PartyKind.Organisation); break;
                    case "PrvtId" when id is null: id = OrganisationOrPerson(c, PartyKind.Person); break;
                    case "OrgId" or "PrvtId":
                        c.Error("Exactly one of OrgId or PrvtId is allowed.", StatusReasonCode.FF01);
                        c.SkipUnknown();
                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (id is null)
        {
            c.Missing("OrgId");
        }

        return id;
    }

    private static PartyIdentification OrganisationOrPerson(IsoXmlCursor c, PartyKind kind)
    {
        Bic? anyBic = null;
        Lei? lei = null;
        DateAndPlaceOfBirth? birth = null;
        List<GenericIdentification>? other = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "AnyBIC" when kind == PartyKind.Organisation: anyBic = c.ReadBic(); break;
                    case "LEI" when kind == PartyKind.Organisation: lei = c.ReadLei(); break;
                    case "DtAndPlcOfBirth" when kind == PartyKind.Person: birth = DateAndPlaceOfBirth(c); break;
                    case "Othr":
                        other ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        if (Generic(c, c.Modern ? 256 : 35) is { } generic)
                        {
                            other.Add(generic);
                        }

                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new PartyIdentification { Kind = kind, AnyBic = anyBic, Lei = lei, DateAndPlaceOfBirth = birth, Other = other };
    }

    private static DateAndPlaceOfBirth? DateAndPlaceOfBirth(IsoXmlCursor c)
    {
        DateOnly? date = null;
        string? province = null, city = null;
        CountryCode? country = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "BirthDt": date = c.ReadDate(); break;
                    case "PrvcOfBirth": province = c.ReadText(35); break;
                    case "CityOfBirth": city = c.ReadText(35); break;
                    case "CtryOfBirth": country = c.ReadCountry(); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (date is null)
        {
            c.Missing("BirthDt");
        }

        if (city is null)
        {
            c.Missing("CityOfBirth");
        }

        if (country is null)
        {
            c.Missing("CtryOfBirth");
        }

        return date is { } d && city is not null && country is { } ctry
            ? new DateAndPlaceOfBirth { BirthDate = d, ProvinceOfBirth = province, CityOfBirth = city, CountryOfBirth = ctry }
            : null;
    }

    private static GenericIdentification? Generic(IsoXmlCursor c, int idMax)
    {
        string? id = null, issuer = null;
        CodeOrProprietary? scheme = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Id": id = c.ReadText(idMax); break;
                    case "SchmeNm": scheme = CodeOrProprietary(c, 4); break;
                    case "Issr": issuer = c.ReadText(35); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (id is null)
        {
            c.Missing("Id");
            return null;
        }

        return new GenericIdentification { Id = id, SchemeName = scheme, Issuer = issuer };
    }

    public static PartyOrAgent? PartyOrAgent(IsoXmlCursor c)
    {
        Party? party = null;
        Agent? agent = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Pty": party = Party(c); break;
                    case "Agt": agent = Agent(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (party is not null && agent is not null)
        {
            c.Error("Exactly one of Pty or Agt is allowed.", StatusReasonCode.FF01);
            return null;
        }

        if (party is null && agent is null)
        {
            c.Missing("Pty");
            return null;
        }

        return new PartyOrAgent { Party = party, Agent = agent };
    }

    public static Account Account(IsoXmlCursor c)
    {
        Iban? iban = null;
        GenericIdentification? other = null;
        CodeOrProprietary? type = null;
        Currency? currency = null;
        string? name = null;
        Proxy? proxy = null;
        var hadId = false;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Id":
                        hadId = true;
                        if (c.BeginChildren())
                        {
                            while (c.NextChild())
                            {
                                switch (c.Name)
                                {
                                    case "IBAN": iban = c.ReadIban(); break;
                                    case "Othr": other = Generic(c, 34); break;
                                    default: c.SkipUnknown(); break;
                                }
                            }
                        }

                        break;
                    case "Tp": type = CodeOrProprietary(c, 4); break;
                    case "Ccy": currency = c.ReadCurrency(); break;
                    case "Nm": name = c.ReadText(70); break;
                    case "Prxy": proxy = Proxy(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (iban is null && other is null && c.AccountIdRequired && !hadId)
        {
            c.Missing("Id");
        }

        return new Account { Iban = iban, Other = other, Type = type, Currency = currency, Name = name, Proxy = proxy };
    }

    private static Proxy? Proxy(IsoXmlCursor c)
    {
        CodeOrProprietary? type = null;
        string? id = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Tp": type = CodeOrProprietary(c, 4); break;
                    case "Id": id = c.ReadText(2048); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (id is null)
        {
            c.Missing("Id");
            return null;
        }

        return new Proxy { Type = type, Id = id };
    }

    public static PaymentIdentification? PaymentIdentification(IsoXmlCursor c)
    {
        string? instrId = null, endToEndId = null, txId = null, clrSysRef = null;
        Uetr? uetr = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "InstrId": instrId = c.ReadText(35); break;
                    case "EndToEndId": endToEndId = c.ReadText(35); break;
                    case "TxId": txId = c.ReadText(35); break;
                    case "UETR": uetr = c.ReadUetr(); break;
                    case "ClrSysRef": clrSysRef = c.ReadText(35); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (endToEndId is null)
        {
            c.Missing("EndToEndId");
            return null;
        }

        return new PaymentIdentification
        {
            InstructionId = instrId, EndToEndId = endToEndId, TransactionId = txId, Uetr = uetr, ClearingSystemReference = clrSysRef,
        };
    }

    public static PaymentTypeInformation PaymentType(IsoXmlCursor c)
    {
        Priority? priority = null;
        List<CodeOrProprietary>? serviceLevels = null;
        CodeOrProprietary? localInstrument = null, categoryPurpose = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "InstrPrty": priority = c.ReadEnum<Priority>(); break;
                    case "SvcLvl":
                        serviceLevels ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        if (CodeOrProprietary(c, 4) is { } level)
                        {
                            serviceLevels.Add(level);
                        }

                        break;
                    case "LclInstrm": localInstrument = CodeOrProprietary(c, 35); break;
                    case "CtgyPurp": categoryPurpose = CodeOrProprietary(c, 4); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new PaymentTypeInformation
        {
            InstructionPriority = priority, ServiceLevels = serviceLevels, LocalInstrument = localInstrument, CategoryPurpose = categoryPurpose,
        };
    }

    public static SettlementInformation? Settlement(IsoXmlCursor c)
    {
        SettlementMethod? method = null;
        CodeOrProprietary? clearingSystem = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "SttlmMtd": method = c.ReadEnum<SettlementMethod>(); break;
                    case "ClrSys": clearingSystem = CodeOrProprietary(c, 3); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (method is null)
        {
            c.Missing("SttlmMtd");
            return null;
        }

        return new SettlementInformation { Method = method.Value, ClearingSystem = clearingSystem };
    }

    public static Charge? Charge(IsoXmlCursor c)
    {
        Money? amount = null;
        Agent? agent = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Amt": amount = c.ReadAmount(AmountRules.AllowZero); break;
                    case "Agt": agent = Agent(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (amount is null)
        {
            c.Missing("Amt");
        }

        if (agent is null)
        {
            c.Missing("Agt");
        }

        return amount is { } a && agent is not null ? new Charge { Amount = a, Agent = agent } : null;
    }

    public static RegulatoryReporting RegulatoryReporting(IsoXmlCursor c)
    {
        RegulatoryReportingSide? side = null;
        RegulatoryAuthority? authority = null;
        List<RegulatoryReportingDetail>? details = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "DbtCdtRptgInd": side = c.ReadEnum<RegulatoryReportingSide>(); break;
                    case "Authrty":
                        string? name = null;
                        CountryCode? country = null;
                        if (c.BeginChildren())
                        {
                            while (c.NextChild())
                            {
                                switch (c.Name)
                                {
                                    case "Nm": name = c.ReadText(140); break;
                                    case "Ctry": country = c.ReadCountry(); break;
                                    default: c.SkipUnknown(); break;
                                }
                            }
                        }

                        authority = new RegulatoryAuthority { Name = name, Country = country };
                        break;
                    case "Dtls":
                        details ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        details.Add(RegulatoryDetail(c));
                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new RegulatoryReporting { Side = side, Authority = authority, Details = details };
    }

    private static RegulatoryReportingDetail RegulatoryDetail(IsoXmlCursor c)
    {
        string? type = null, code = null;
        DateOnly? date = null;
        CountryCode? country = null;
        Money? amount = null;
        List<string>? information = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Tp": type = c.ReadText(35); break;
                    case "Dt": date = c.ReadDate(); break;
                    case "Ctry": country = c.ReadCountry(); break;
                    case "Cd": code = c.ReadText(10); break;
                    case "Amt": amount = c.ReadAmount(AmountRules.AllowZero); break;
                    case "Inf":
                        information ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        if (c.ReadText(35) is { } info)
                        {
                            information.Add(info);
                        }

                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new RegulatoryReportingDetail { Type = type, Date = date, Country = country, Code = code, Amount = amount, Information = information };
    }

    public static RemittanceInformation RemittanceInformation(IsoXmlCursor c)
    {
        List<string>? unstructured = null;
        List<StructuredRemittance>? structured = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Ustrd":
                        unstructured ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        if (c.ReadText(140) is { } text)
                        {
                            unstructured.Add(text);
                        }

                        break;
                    case "Strd":
                        structured ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        structured.Add(StructuredRemittance(c));
                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new RemittanceInformation { Unstructured = unstructured, Structured = structured };
    }

    private static StructuredRemittance StructuredRemittance(IsoXmlCursor c)
    {
        List<ReferredDocument>? documents = null;
        Money? duePayable = null, remitted = null;
        CreditorReference? creditorReference = null;
        Party? invoicer = null, invoicee = null;
        List<string>? additional = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "RfrdDocInf":
                        documents ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        documents.Add(ReferredDocument(c));
                        break;
                    case "RfrdDocAmt":
                        ReferredAmounts(c, ref duePayable, ref remitted);
                        break;
                    case "CdtrRefInf": creditorReference = CreditorReference(c); break;
                    case "Invcr": invoicer = Party(c); break;
                    case "Invcee": invoicee = Party(c); break;
                    case "AddtlRmtInf":
                        additional ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        if (additional.Count >= 3)
                        {
                            c.TooMany(3);
                            c.SkipUnknown();
                            break;
                        }

                        if (c.ReadText(140) is { } text)
                        {
                            additional.Add(text);
                        }

                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new StructuredRemittance
        {
            ReferredDocuments = documents, DuePayableAmount = duePayable, RemittedAmount = remitted, CreditorReference = creditorReference,
            Invoicer = invoicer, Invoicee = invoicee, AdditionalInformation = additional,
        };
    }

    // The newer RemittanceAmount4 carries typed amounts (RmtAmtAndTp with Tp/Cd DUEP or RMTD) where
    // RemittanceAmount2 has DuePyblAmt and RmtdAmt elements; both map to the same two model fields.
    internal const string DuePayableCode = "DUEP";
    internal const string RemittedCode = "RMTD";

    private static void ReferredAmounts(IsoXmlCursor c, ref Money? duePayable, ref Money? remitted)
    {
        if (!c.BeginChildren())
        {
            return;
        }

        while (c.NextChild())
        {
            switch (c.Name)
            {
                case "DuePyblAmt": duePayable = c.ReadAmount(AmountRules.AllowZero); break;
                case "RmtdAmt": remitted = c.ReadAmount(AmountRules.AllowZero); break;
                case "RmtAmtAndTp":
                    CodeOrProprietary? type = null;
                    Money? amount = null;
                    if (c.BeginChildren())
                    {
                        while (c.NextChild())
                        {
                            switch (c.Name)
                            {
                                case "Tp": type = CodeOrProprietary(c, 4); break;
                                case "Amt": amount = c.ReadAmount(AmountRules.AllowZero); break;
                                default: c.SkipUnknown(); break;
                            }
                        }
                    }

                    if (type?.Code == DuePayableCode)
                    {
                        duePayable = amount;
                    }
                    else if (type?.Code == RemittedCode)
                    {
                        remitted = amount;
                    }
                    else
                    {
                        c.Warnings.Add(c.CurrentPath() + " (amount type not modelled)");
                    }

                    break;
                default: c.SkipUnknown(); break;
            }
        }
    }

    private static ReferredDocument ReferredDocument(IsoXmlCursor c)
    {
        CodeOrProprietary? type = null;
        string? issuer = null, number = null;
        DateOnly? date = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Tp": (type, issuer) = TypeWithIssuer(c); break;
                    case "Nb": number = c.ReadText(35); break;
                    case "RltdDt" when c.Modern:
                        // DateAndType1: Tp (the kind of date) and Dt. Only the date is modelled.
                        if (c.BeginChildren())
                        {
                            while (c.NextChild())
                            {
                                switch (c.Name)
                                {
                                    case "Dt": date = c.ReadDate(); break;
                                    default: c.SkipSilently(); break;
                                }
                            }
                        }

                        break;
                    case "RltdDt": date = c.ReadDate(); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new ReferredDocument { Type = type, TypeIssuer = issuer, Number = number, RelatedDate = date };
    }

    private static CreditorReference CreditorReference(IsoXmlCursor c)
    {
        CodeOrProprietary? type = null;
        string? issuer = null, reference = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Tp": (type, issuer) = TypeWithIssuer(c); break;
                    case "Ref": reference = c.ReadText(35); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new CreditorReference { Type = type, TypeIssuer = issuer, Reference = reference };
    }

    private static (CodeOrProprietary? Type, string? Issuer) TypeWithIssuer(IsoXmlCursor c)
    {
        CodeOrProprietary? type = null;
        string? issuer = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "CdOrPrtry": type = CodeOrProprietary(c, 4); break;
                    case "Issr": issuer = c.ReadText(35); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return (type, issuer);
    }

    public static OriginalGroupInformation? OriginalGroup(IsoXmlCursor c)
    {
        string? messageId = null, nameId = null;
        DateTimeOffset? created = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "OrgnlMsgId": messageId = c.ReadText(35); break;
                    case "OrgnlMsgNmId": nameId = c.ReadText(35); break;
                    case "OrgnlCreDtTm": created = c.ReadDateTime(); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (messageId is null)
        {
            c.Missing("OrgnlMsgId");
        }

        if (nameId is null)
        {
            c.Missing("OrgnlMsgNmId");
        }

        return messageId is not null && nameId is not null
            ? new OriginalGroupInformation { OriginalMessageId = messageId, OriginalMessageNameId = nameId, OriginalCreationDateTime = created }
            : null;
    }

    /// <summary>Reads a reason block (StsRsnInf, RtrRsnInf, CxlRsnInf, CxlStsRsnInf).</summary>
    public static ReasonInformation Reason(IsoXmlCursor c)
    {
        Party? originator = null;
        CodeOrProprietary? reason = null;
        List<string>? additional = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Orgtr": originator = Party(c); break;
                    case "Rsn": reason = CodeOrProprietary(c, 4); break;
                    case "AddtlInf":
                        additional ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        if (c.ReadText(105) is { } text)
                        {
                            additional.Add(text);
                        }

                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new ReasonInformation { Originator = originator, Reason = reason, AdditionalInformation = additional };
    }

    /// <summary>
    /// Reads a block holding one original-group element and repeated transactions: camt.056 <c>Undrlyg</c>
    /// (<c>OrgnlGrpInfAndCxl</c>, <c>TxInf</c>) and camt.029 <c>CxlDtls</c> (<c>OrgnlGrpInfAndSts</c>,
    /// <c>TxInfAndSts</c>). The group elements' other children are not modelled and are skipped. Returns false when
    /// the original group was present but incomplete.
    /// </summary>
    public static bool GroupAndTransactions<T>(
        IsoXmlCursor c,
        string groupElement,
        string transactionElement,
        Func<IsoXmlCursor, T?> readTransaction,
        ref OriginalGroupInformation? originalGroup,
        List<T> transactions,
        ref int seen)
        where T : class
    {
        var complete = true;
        if (!c.BeginChildren())
        {
            return true;
        }

        while (c.NextChild())
        {
            if (c.Name == groupElement)
            {
                originalGroup = OriginalGroup(c);
                complete &= originalGroup is not null;
            }
            else if (c.Name == transactionElement)
            {
                c.ReadRepeated(transactions, ref seen, readTransaction);
            }
            else
            {
                c.SkipUnknown();
            }
        }

        return complete;
    }

    public static InvestigationCase? Case(IsoXmlCursor c)
    {
        string? id = null;
        PartyOrAgent? creator = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Id": id = c.ReadText(35); break;
                    case "Cretr": creator = PartyOrAgent(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (id is null)
        {
            c.Missing("Id");
        }

        if (creator is null)
        {
            c.Missing("Cretr");
        }

        return id is not null && creator is not null ? new InvestigationCase { Id = id, Creator = creator } : null;
    }

    public static OriginalTransactionReference OriginalTransactionReference(IsoXmlCursor c)
    {
        Money? settlementAmount = null, instructedAmount = null;
        DateOnly? settlementDate = null;
        SettlementInformation? settlement = null;
        PaymentTypeInformation? paymentType = null;
        RemittanceInformation? remittance = null;
        PartyOrAgent? ultimateDebtor = null, debtor = null, creditor = null, ultimateCreditor = null;
        Account? debtorAccount = null, creditorAccount = null;
        Agent? debtorAgent = null, creditorAgent = null;
        CodeOrProprietary? purpose = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "IntrBkSttlmAmt": settlementAmount = c.ReadAmount(); break;
                    case "Amt":
                        if (c.BeginChildren())
                        {
                            while (c.NextChild())
                            {
                                switch (c.Name)
                                {
                                    case "InstdAmt": instructedAmount = c.ReadAmount(); break;
                                    default: c.SkipUnknown(); break;
                                }
                            }
                        }

                        break;
                    case "IntrBkSttlmDt": settlementDate = c.ReadDate(); break;
                    case "SttlmInf": settlement = Settlement(c); break;
                    case "PmtTpInf": paymentType = PaymentType(c); break;
                    case "RmtInf": remittance = RemittanceInformation(c); break;
                    case "UltmtDbtr": ultimateDebtor = PartyOrAgent(c); break;
                    case "Dbtr": debtor = PartyOrAgent(c); break;
                    case "DbtrAcct": debtorAccount = Account(c); break;
                    case "DbtrAgt": debtorAgent = Agent(c); break;
                    case "CdtrAgt": creditorAgent = Agent(c); break;
                    case "Cdtr": creditor = PartyOrAgent(c); break;
                    case "CdtrAcct": creditorAccount = Account(c); break;
                    case "UltmtCdtr": ultimateCreditor = PartyOrAgent(c); break;
                    case "Purp": purpose = CodeOrProprietary(c, 4); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new OriginalTransactionReference
        {
            InterbankSettlementAmount = settlementAmount, InstructedAmount = instructedAmount, InterbankSettlementDate = settlementDate,
            Settlement = settlement, PaymentType = paymentType, RemittanceInformation = remittance, UltimateDebtor = ultimateDebtor,
            Debtor = debtor, DebtorAccount = debtorAccount, DebtorAgent = debtorAgent, CreditorAgent = creditorAgent, Creditor = creditor,
            CreditorAccount = creditorAccount, UltimateCreditor = ultimateCreditor, Purpose = purpose,
        };
    }

    /// <summary>Reads a group header (every element any pacs message has; the caller checks what it requires).</summary>
    public static GroupHeader? GroupHeader(IsoXmlCursor c, out int? numberOfTransactions)
    {
        string? messageId = null;
        DateTimeOffset? created = null;
        Money? total = null;
        DateOnly? settlementDate = null;
        SettlementInformation? settlement = null;
        PaymentTypeInformation? paymentType = null;
        Agent? instructing = null, instructed = null;
        numberOfTransactions = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "MsgId": messageId = c.ReadText(35); break;
                    case "CreDtTm": created = c.ReadDateTime(); break;
                    case "NbOfTxs": numberOfTransactions = c.ReadCount(); break;
                    case "TtlIntrBkSttlmAmt" or "TtlRtrdIntrBkSttlmAmt": total = c.ReadAmount(AmountRules.AllowZero); break;
                    case "IntrBkSttlmDt": settlementDate = c.ReadDate(); break;
                    case "SttlmInf": settlement = Settlement(c); break;
                    case "PmtTpInf": paymentType = PaymentType(c); break;
                    case "InstgAgt": instructing = Agent(c); break;
                    case "InstdAgt": instructed = Agent(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (messageId is null)
        {
            c.Missing("MsgId");
        }

        if (created is null)
        {
            c.Missing("CreDtTm");
        }

        return messageId is not null && created is not null
            ? new GroupHeader
            {
                MessageId = messageId, CreationDateTime = created.Value, TotalInterbankSettlementAmount = total,
                InterbankSettlementDate = settlementDate, Settlement = settlement, PaymentType = paymentType,
                InstructingAgent = instructing, InstructedAgent = instructed,
            }
            : null;
    }

    /// <summary>
    /// Reads a case assignment: camt CaseAssignment5 names the id <c>Id</c>, acmt IdentificationAssignment3
    /// names it <c>MsgId</c>; the other name is not part of that schema and is skipped as unknown.
    /// </summary>
    public static Assignment? Assignment(IsoXmlCursor c, bool acmt)
    {
        string? id = null;
        PartyOrAgent? assigner = null, assignee = null;
        DateTimeOffset? created = null;
        var idElement = acmt ? "MsgId" : "Id";
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Id" when !acmt: id = c.ReadText(35); break;
                    case "MsgId" when acmt: id = c.ReadText(35); break;
                    case "Assgnr": assigner = PartyOrAgent(c); break;
                    case "Assgne": assignee = PartyOrAgent(c); break;
                    case "CreDtTm": created = c.ReadDateTime(); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (id is null)
        {
            c.Missing(idElement);
        }

        if (assigner is null)
        {
            c.Missing("Assgnr");
        }

        if (assignee is null)
        {
            c.Missing("Assgne");
        }

        if (created is null)
        {
            c.Missing("CreDtTm");
        }

        return id is not null && assigner is not null && assignee is not null && created is not null
            ? new Assignment { Id = id, Assigner = assigner, Assignee = assignee, CreationDateTime = created.Value }
            : null;
    }
}
