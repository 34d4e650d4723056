using System.ComponentModel.DataAnnotations;

namespace PaymentSwitch.Messaging;

/// <summary>Settings of <see cref="NatsMessageBus"/>, validated by <see cref="Validate"/> before connecting.</summary>
public sealed class NatsBusOptions : IValidatableObject
{
    /// <summary>
    /// The server URL (<c>nats://host:port</c> or <c>tls://host:port</c>), or several separated by commas for a
    /// cluster. Credentials go in <see cref="Username"/>/<see cref="Password"/> or <see cref="Token"/>, not here.
    /// </summary>
    [Required]
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>The client name the server shows in its monitoring; <c>-pub</c> or <c>-subN</c> is appended per connection.</summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    public string Name { get; set; } = "paymentswitch";

    /// <summary>User name for user/password authentication, or null.</summary>
    public string? Username { get; set; }

    /// <summary>Password for user/password authentication, or null.</summary>
    public string? Password { get; set; }

    /// <summary>Token for token authentication, or null.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Messages a subscription may buffer in the client before the socket reader waits (default 65,536). Larger
    /// absorbs longer bursts; smaller pushes back on the server sooner.
    /// </summary>
    [Range(1, 16 * 1024 * 1024)]
    public int PendingCapacity { get; set; } = 65_536;

    /// <summary>How long the first connection attempt may take (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long unsubscribing waits for the server to confirm (a PING round trip), so that after a subscription's
    /// disposal no request is routed to it any more (default 2 s; best effort when the connection is down).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan UnsubscribeConfirmTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate() => OptionsValidation.ThrowIfInvalid(this);

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        foreach (var part in Url.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("nats" or "tls" or "ws" or "wss")
                || string.IsNullOrEmpty(uri.Host))
            {
                yield return new ValidationResult($"Url '{part}' must be an absolute nats://, tls://, ws:// or wss:// URL with a host.", [nameof(Url)]);
            }
            else if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                yield return new ValidationResult("Url must not carry credentials; use Username/Password or Token.", [nameof(Url)]);
            }
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Username and Password go together.", [nameof(Username), nameof(Password)]);
        }

        if (!string.IsNullOrEmpty(Token) && !string.IsNullOrEmpty(Username))
        {
            yield return new ValidationResult("Use either Token or Username/Password, not both.", [nameof(Token), nameof(Username)]);
        }
    }
}
