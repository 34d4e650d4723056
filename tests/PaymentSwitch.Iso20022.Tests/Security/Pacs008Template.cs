namespace PaymentSwitch.Iso20022.Tests.Security;

/// <summary>A small, valid pacs.008.001.08 used as the base of the bad-input tests; each test breaks one thing.</summary>
internal static class Pacs008Template
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08";

    public const string Uetr = "8a562c67-ca16-48ba-b074-65581be6f011";

    public static string Build(
        string amount = "<IntrBkSttlmAmt Ccy=\"SGD\">1000.00</IntrBkSttlmAmt>",
        string debtorAgentBic = "DBSSSGSGXXX",
        string uetr = Uetr,
        string endToEndId = "E2E-20261122-0001",
        string chargeBearer = "<ChrgBr>SLEV</ChrgBr>",
        string messageId = "<MsgId>MSG-20261122-0001</MsgId>",
        string numberOfTransactions = "1",
        string creditorAccount = "<CdtrAcct><Id><IBAN>GB82WEST12345698765432</IBAN></Id></CdtrAcct>",
        string ns = Namespace,
        string extraTransaction = "") =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="{ns}">
          <FIToFICstmrCdtTrf>
            <GrpHdr>
              {messageId}
              <CreDtTm>2026-11-22T10:15:00+08:00</CreDtTm>
              <NbOfTxs>{numberOfTransactions}</NbOfTxs>
              <SttlmInf><SttlmMtd>CLRG</SttlmMtd><ClrSys><Prtry>NEXUS</Prtry></ClrSys></SttlmInf>
            </GrpHdr>
            <CdtTrfTxInf>
              <PmtId><EndToEndId>{endToEndId}</EndToEndId><UETR>{uetr}</UETR></PmtId>
              {amount}
              {chargeBearer}
              <Dbtr><Nm>Tan Wei Ming</Nm></Dbtr>
              <DbtrAgt><FinInstnId><BICFI>{debtorAgentBic}</BICFI></FinInstnId></DbtrAgt>
              <CdtrAgt><FinInstnId><BICFI>BKKBTHBKXXX</BICFI></FinInstnId></CdtrAgt>
              <Cdtr><Nm>Somchai Jaidee</Nm></Cdtr>
              {creditorAccount}
            </CdtTrfTxInf>
            {extraTransaction}
          </FIToFICstmrCdtTrf>
        </Document>
        """;
}
