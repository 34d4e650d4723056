using System.Text;

namespace PaymentSwitch.Adapters;

/// <summary>
/// Names as the schemes show and compare them: the masked display name a sender sees after a proxy lookup
/// (PayNow–PromptPay practice, "SOMCHAI J***"), and the loose match an IPS applies to the creditor name (BE01).
/// </summary>
public static class NameMasking
{
    /// <summary>The first word in capitals, then the initial of the last word followed by <c>***</c>: "Somchai Jaidee" → "SOMCHAI J***".</summary>
    public static string Mask(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = Words(name);
        if (words.Count == 0)
        {
            return "***";
        }

        return words.Count == 1 ? words[0] : $"{words[0]} {words[^1][0]}***";
    }

    /// <summary>
    /// Whether a name given in a payment is consistent with the account holder's: case, punctuation and word order are
    /// ignored, and one shared word of two or more letters is enough (senders write "Tan W M" for "Tan Wei Ming", or a
    /// masked name "SOMCHAI J***"). Names sharing no word are inconsistent (BE01).
    /// </summary>
    public static bool IsConsistent(string givenName, string holderName)
    {
        ArgumentNullException.ThrowIfNull(givenName);
        ArgumentNullException.ThrowIfNull(holderName);
        var holder = Words(holderName);
        foreach (var word in Words(givenName))
        {
            if (word.Length >= 2 && holder.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToUpperInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
