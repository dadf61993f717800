namespace ContactMetrics.Domain;

/// <summary>The channel a customer used to contact the service.</summary>
/// <remarks>Schema names (CSV, Parquet, CLI) are snake_case: see <see cref="ChannelNames"/>.</remarks>
public enum Channel
{
    /// <summary>A voice call handled by an agent.</summary>
    Phone = 0,

    /// <summary>An email, answered by an agent asynchronously.</summary>
    Email = 1,

    /// <summary>A live web chat with an agent.</summary>
    Chat = 2,

    /// <summary>A messaging conversation (WhatsApp, SMS, in-app), answered by an agent from a live queue.</summary>
    Messaging = 3,

    /// <summary>A social-media conversation, answered by an agent from a live queue.</summary>
    Social = 4,

    /// <summary>A self-service session (help center, account portal) that did not involve an agent.</summary>
    SelfService = 5,

    /// <summary>A conversation with a bot.</summary>
    Chatbot = 6,

    /// <summary>An interactive voice response session.</summary>
    Ivr = 7,
}

/// <summary>
/// The traits of a <see cref="Channel"/>, the one place that says which channels agents handle, which are answered
/// live from a queue, which asynchronously and which are self-service. Every calculator asks these instead of
/// keeping a list.
/// </summary>
/// <remarks>
/// Every channel is either agent-handled or self-service, and every agent-handled channel either live-queued or
/// asynchronous:
/// <list type="table">
/// <listheader><term>trait</term><description>channels</description></listheader>
/// <item><term>agent-handled</term><description>phone, email, chat, messaging, social</description></item>
/// <item><term>live queue</term><description>phone, chat, messaging, social: the customer waits in a queue, so service
/// level, speed of answer and abandonment apply</description></item>
/// <item><term>asynchronous</term><description>email: answered later, measured by response time against its own target</description></item>
/// <item><term>self-service</term><description>self-service, chatbot, IVR: contained without an agent</description></item>
/// </list>
/// Queue KPIs belong to live queued channels; email is asynchronous (see REFERENCES.md, "Queue KPIs").
/// </remarks>
public static class ChannelTraits
{
    // One bit per channel value (Channel is 0..7): a mask test is what the per-row hot loops can afford.
    private const int AgentHandledMask = 1 << (int)Channel.Phone | 1 << (int)Channel.Email | 1 << (int)Channel.Chat
        | 1 << (int)Channel.Messaging | 1 << (int)Channel.Social;

    private const int LiveQueueMask = 1 << (int)Channel.Phone | 1 << (int)Channel.Chat | 1 << (int)Channel.Messaging | 1 << (int)Channel.Social;

    private const int AsynchronousMask = 1 << (int)Channel.Email;

    private const int SelfServiceMask = 1 << (int)Channel.SelfService | 1 << (int)Channel.Chatbot | 1 << (int)Channel.Ivr;

    /// <summary>Whether agents handle the channel (phone, email, chat, messaging, social), as opposed to self-service.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Whether agents handle it; <see langword="false"/> for a value outside the enum.</returns>
    public static bool IsAgentHandled(this Channel channel) => Has(channel, AgentHandledMask);

    /// <summary>Whether the channel is answered live from a queue (phone, chat, messaging, social), where service level and abandonment apply.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Whether it is live-queued; <see langword="false"/> for a value outside the enum.</returns>
    public static bool IsLiveQueue(this Channel channel) => Has(channel, LiveQueueMask);

    /// <summary>Whether agents answer the channel asynchronously (email), measured by response time rather than a service level in seconds.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Whether it is asynchronous; <see langword="false"/> for a value outside the enum.</returns>
    public static bool IsAsynchronous(this Channel channel) => Has(channel, AsynchronousMask);

    /// <summary>Whether the channel is contained without an agent (self-service, chatbot, IVR).</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Whether it is self-service; <see langword="false"/> for a value outside the enum.</returns>
    public static bool IsSelfService(this Channel channel) => Has(channel, SelfServiceMask);

    private static bool Has(Channel channel, int mask) => (uint)channel < 32 && (mask >> (int)channel & 1) != 0;
}

/// <summary>The direction of an interaction.</summary>
public enum Direction
{
    /// <summary>The customer contacted the service.</summary>
    Inbound = 0,

    /// <summary>The service contacted the customer.</summary>
    Outbound = 1,
}

/// <summary>Converts <see cref="Channel"/> and <see cref="Direction"/> to and from their schema names.</summary>
public static class ChannelNames
{
    private static readonly string[] ChannelTexts = ["phone", "email", "chat", "messaging", "social", "self_service", "chatbot", "ivr"];
    private static readonly string[] DirectionTexts = ["inbound", "outbound"];

    /// <summary>All channels, in schema order.</summary>
    public static IReadOnlyList<Channel> All { get; } = Enum.GetValues<Channel>();

    /// <summary>The schema name of a channel, e.g. <c>self_service</c>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The snake_case name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is not a defined value.</exception>
    public static string ToSchemaName(this Channel channel)
    {
        int i = (int)channel;
        if ((uint)i >= (uint)ChannelTexts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a defined channel.");
        }
        return ChannelTexts[i];
    }

    /// <summary>The schema name of a direction: <c>inbound</c> or <c>outbound</c>.</summary>
    /// <param name="direction">The direction.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="direction"/> is not a defined value.</exception>
    public static string ToSchemaName(this Direction direction)
    {
        int i = (int)direction;
        if ((uint)i >= (uint)DirectionTexts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a defined direction.");
        }
        return DirectionTexts[i];
    }

    /// <summary>Parses a channel's schema name, ignoring case.</summary>
    /// <param name="text">The name, e.g. <c>phone</c> or <c>self_service</c>.</param>
    /// <param name="channel">The channel when the result is <see langword="true"/>.</param>
    /// <returns>Whether <paramref name="text"/> names a channel.</returns>
    public static bool TryParseChannel(ReadOnlySpan<char> text, out Channel channel)
    {
        int i = IndexOf(ChannelTexts, text);
        channel = (Channel)Math.Max(i, 0);
        return i >= 0;
    }

    /// <summary>Parses a channel's schema name, ignoring case.</summary>
    /// <param name="text">The name.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not one of the schema names.</exception>
    public static Channel ParseChannel(string text)
    {
        if (!TryParseChannel(text, out var channel))
        {
            throw new ArgumentException($"Unknown channel '{text}'; expected one of {string.Join(", ", ChannelTexts)}.", nameof(text));
        }
        return channel;
    }

    /// <summary>Parses a direction's schema name, ignoring case.</summary>
    /// <param name="text">The name: <c>inbound</c> or <c>outbound</c>.</param>
    /// <param name="direction">The direction when the result is <see langword="true"/>.</param>
    /// <returns>Whether <paramref name="text"/> names a direction.</returns>
    public static bool TryParseDirection(ReadOnlySpan<char> text, out Direction direction)
    {
        int i = IndexOf(DirectionTexts, text);
        direction = (Direction)Math.Max(i, 0);
        return i >= 0;
    }

    /// <summary>Parses a direction's schema name, ignoring case.</summary>
    /// <param name="text">The name.</param>
    /// <returns>The direction.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not <c>inbound</c> or <c>outbound</c>.</exception>
    public static Direction ParseDirection(string text)
    {
        if (!TryParseDirection(text, out var direction))
        {
            throw new ArgumentException($"Unknown direction '{text}'; expected one of {string.Join(", ", DirectionTexts)}.", nameof(text));
        }
        return direction;
    }

    /// <summary>The accepted channel names, for error messages and help text.</summary>
    public static IReadOnlyList<string> ChannelSchemaNames => ChannelTexts;

    private static int IndexOf(string[] names, ReadOnlySpan<char> text)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (text.Equals(names[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}
