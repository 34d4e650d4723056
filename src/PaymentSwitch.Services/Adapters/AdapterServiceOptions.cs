using System.ComponentModel.DataAnnotations;

namespace PaymentSwitch.Services.Adapters;

/// <summary>Options of a national-switch adapter service (configuration section <c>Adapter</c>).</summary>
public sealed class AdapterServiceOptions
{
    /// <summary>How long <see cref="AdapterService.SendAsync"/> waits for the final pacs.002 (Nexus allows 60 s for HIGH; NORM may take longer).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FinalAnswerWait { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a quote or proxy lookup request may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The payload encoding this IPS speaks to the hub: MessagePack (default) or ISO 20022 XML.</summary>
    public bool UseXml { get; set; }
}
