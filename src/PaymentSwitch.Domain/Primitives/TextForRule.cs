namespace PaymentSwitch.Domain;

/// <summary>Helpers that quote untrusted input inside a <see cref="ParseFailure.Rule"/> without letting it grow without bound.</summary>
internal static class TextForRule
{
    // Rules are logged and sent back in pacs.002 additional information, so hostile input is cut short.
    private const int MaxQuotedChars = 40;

    internal static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= MaxQuotedChars ? text.ToString() : string.Concat(text[..MaxQuotedChars], "...");
}
