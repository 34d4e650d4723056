using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace PaymentSwitch.Messaging;

/// <summary>Settings of <see cref="InProcessBus"/>.</summary>
public sealed class InProcessBusOptions
{
    /// <summary>Messages a subscription may buffer before publishers wait (default 65,536, as over NATS).</summary>
    [Range(1, 16 * 1024 * 1024)]
    public int PendingCapacity { get; set; } = 65_536;

    /// <summary>The clock request timeouts run on; a simulator passes a fake one. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where handler failures are logged. Default: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate() => OptionsValidation.ThrowIfInvalid(this);
}
