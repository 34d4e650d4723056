using System.ComponentModel.DataAnnotations;

namespace PaymentSwitch.Messaging;

/// <summary>How <see cref="NatsServerProcess.StartAsync"/> starts a private nats-server.</summary>
public sealed class NatsServerProcessOptions
{
    /// <summary>Start JetStream (<c>-js</c>) with a fresh temporary store directory (default true).</summary>
    public bool EnableJetStream { get; set; } = true;

    /// <summary>Also serve the HTTP monitoring endpoints (<c>-m</c>: /varz, /connz, /subsz) on a free loopback port the server picks.</summary>
    public bool EnableMonitoring { get; set; }

    /// <summary>The nats-server binary; null looks it up with <see cref="NatsServerProcess.FindExecutable()"/>.</summary>
    public string? ExecutablePath { get; set; }

    /// <summary>The server name (<c>-n</c>) shown in its logs and monitoring; null lets the server pick one.</summary>
    [StringLength(128, MinimumLength = 1)]
    public string? ServerName { get; set; }

    /// <summary>
    /// More command-line arguments, after the ones this class sets (for example <c>-c server.conf</c> for limits
    /// such as <c>max_pending</c> that have no flag). The server's log must stay on standard error (no <c>-l</c>,
    /// <c>log_file</c> or syslog): the start reads the listening ports and readiness from it.
    /// </summary>
    public IList<string> ExtraArguments { get; } = [];

    /// <summary>
    /// How long to wait until the server logs that it is ready (default 60 s). It is only a bound that turns a hung
    /// start into an error: a server normally starts in milliseconds, but a loaded machine can take seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate() => OptionsValidation.ThrowIfInvalid(this);
}
