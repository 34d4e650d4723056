namespace PaymentSwitch.Messaging;

/// <summary>An operating fault of the transport. <see cref="IsTransient"/> says whether trying again may help.</summary>
public class BusException : Exception
{
    /// <summary>Creates a non-transient bus exception.</summary>
    public BusException()
    {
    }

    /// <summary>Creates a non-transient bus exception.</summary>
    public BusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a non-transient bus exception.</summary>
    public BusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a bus exception.</summary>
    protected BusException(string message, bool isTransient, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>True when the same operation may succeed later (no responder yet, timeout, connection lost).</summary>
    public bool IsTransient { get; }
}

/// <summary>
/// A request found no subscriber on its subject. NATS answers such a request at once with a 503 no-responders
/// status instead of letting it time out; the in-process bus does the same.
/// </summary>
public sealed class NoRespondersException : BusException
{
    /// <summary>Creates the exception for <paramref name="subject"/>.</summary>
    public NoRespondersException(string subject, Exception? innerException = null)
        : base($"No responders on '{subject}': nothing subscribes to it.", isTransient: true, innerException)
    {
        Subject = subject;
    }

    /// <summary>The request subject.</summary>
    public string Subject { get; }
}

/// <summary>A request reached a subscriber but no reply arrived in time.</summary>
public sealed class BusTimeoutException : BusException
{
    /// <summary>Creates the exception for <paramref name="subject"/>.</summary>
    public BusTimeoutException(string subject, TimeSpan timeout, Exception? innerException = null)
        : base($"No reply on '{subject}' within {timeout.Ticks / TimeSpan.TicksPerMillisecond} ms.", isTransient: true, innerException)
    {
        Subject = subject;
        Timeout = timeout;
    }

    /// <summary>The request subject.</summary>
    public string Subject { get; }

    /// <summary>How long the requester waited.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>The connection to the transport failed or is closed.</summary>
public sealed class BusConnectionException : BusException
{
    /// <summary>Creates the exception.</summary>
    public BusConnectionException(string message, Exception? innerException = null)
        : base(message, isTransient: true, innerException)
    {
    }
}
