namespace PaymentSwitch.Messaging;

/// <summary>
/// Subject syntax and matching as NATS defines them (docs.nats.io, "Subject-Based Messaging"): dot-separated
/// tokens, <c>*</c> matches exactly one token, <c>&gt;</c> matches one or more tokens and must be last. Both
/// transports validate with this one class so they accept and refuse exactly the same subjects.
/// </summary>
internal static class Subjects
{
    /// <summary>
    /// NATS itself only bounds the protocol control line (4 KiB by default); a bound of our own keeps every subject
    /// well inside it, with room for the reply subject and header sizes on the same line.
    /// </summary>
    public const int MaxLength = 1024;

    /// <summary>The prefix of reply subjects created for requests, the same as the NATS clients use.</summary>
    public const string InboxPrefix = "_INBOX.";

    /// <summary>Validates a publish's subject and, when given, its reply subject (both transports check the same).</summary>
    public static void ValidatePublishWithReply(string subject, string? replyTo)
    {
        ValidatePublish(subject, "subject");
        if (replyTo is not null)
        {
            ValidatePublish(replyTo, nameof(replyTo));
        }
    }

    public static void ValidatePublish(string subject, string parameterName)
        => Validate(subject, allowWildcards: false, parameterName);

    public static void ValidateSubscribe(string subject, string parameterName)
        => Validate(subject, allowWildcards: true, parameterName);

    public static void ValidateQueueGroup(string? queueGroup, string parameterName)
    {
        if (queueGroup is null)
        {
            return;
        }

        if (queueGroup.Length == 0 || queueGroup.Length > MaxLength || ContainsWhiteSpaceOrControl(queueGroup))
        {
            throw new ArgumentException($"Invalid queue group '{queueGroup}': it must be non-empty, at most {MaxLength} characters, without whitespace.", parameterName);
        }
    }

    /// <summary>True when the literal <paramref name="subject"/> matches the (possibly wildcard) <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string subject)
    {
        var p = pattern.AsSpan();
        var s = subject.AsSpan();
        while (true)
        {
            var pDot = p.IndexOf('.');
            var pToken = pDot < 0 ? p : p[..pDot];
            if (pToken is ">")
            {
                // We only get here while the subject still has a token, so '>' has its "one or more".
                return true;
            }

            var sDot = s.IndexOf('.');
            var sToken = sDot < 0 ? s : s[..sDot];
            if (pToken is not "*" && !pToken.SequenceEqual(sToken))
            {
                return false;
            }

            if (pDot < 0 || sDot < 0)
            {
                return pDot < 0 && sDot < 0;
            }

            p = p[(pDot + 1)..];
            s = s[(sDot + 1)..];
        }
    }

    private static void Validate(string subject, bool allowWildcards, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(subject, parameterName);
        if (subject.Length == 0 || subject.Length > MaxLength)
        {
            throw new ArgumentException($"Invalid subject '{subject}': it must have 1 to {MaxLength} characters.", parameterName);
        }

        if (ContainsWhiteSpaceOrControl(subject))
        {
            throw new ArgumentException($"Invalid subject '{subject}': it may not contain whitespace.", parameterName);
        }

        var rest = subject.AsSpan();
        while (true)
        {
            var dot = rest.IndexOf('.');
            var token = dot < 0 ? rest : rest[..dot];
            if (token.IsEmpty)
            {
                throw new ArgumentException($"Invalid subject '{subject}': empty token.", parameterName);
            }

            if (token is "*" or ">")
            {
                if (!allowWildcards)
                {
                    throw new ArgumentException($"Invalid subject '{subject}': wildcards are allowed in subscriptions only.", parameterName);
                }

                if (token is ">" && dot >= 0)
                {
                    throw new ArgumentException($"Invalid subject '{subject}': '>' must be the last token.", parameterName);
                }
            }

            if (dot < 0)
            {
                return;
            }

            rest = rest[(dot + 1)..];
        }
    }

    private static bool ContainsWhiteSpaceOrControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
