namespace ContactMetrics.Domain;

/// <summary>Identifies a customer. Any non-blank text without leading or trailing white space.</summary>
/// <remarks>The <see langword="default"/> value has an empty <see cref="Value"/> and is never produced by <see cref="CustomerId(string)"/>.</remarks>
public readonly record struct CustomerId
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is blank or has surrounding white space.</exception>
    public CustomerId(string value) => Value = IdText.Check(value, nameof(value), "customer id");

    /// <summary>The id text.</summary>
    public string Value { get => field ?? string.Empty; }

    /// <summary>Returns the id text.</summary>
    /// <returns>The id text.</returns>
    public override string ToString() => Value;
}

/// <summary>Identifies an interaction (a call, email, chat, ...). Any non-blank text without surrounding white space.</summary>
/// <remarks>The <see langword="default"/> value has an empty <see cref="Value"/> and is never produced by <see cref="InteractionId(string)"/>.</remarks>
public readonly record struct InteractionId
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is blank or has surrounding white space.</exception>
    public InteractionId(string value) => Value = IdText.Check(value, nameof(value), "interaction id");

    /// <summary>The id text.</summary>
    public string Value { get => field ?? string.Empty; }

    /// <summary>Returns the id text.</summary>
    /// <returns>The id text.</returns>
    public override string ToString() => Value;
}

/// <summary>Identifies an agent. Any non-blank text without surrounding white space.</summary>
/// <remarks>The <see langword="default"/> value has an empty <see cref="Value"/> and is never produced by <see cref="AgentId(string)"/>.</remarks>
public readonly record struct AgentId
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is blank or has surrounding white space.</exception>
    public AgentId(string value) => Value = IdText.Check(value, nameof(value), "agent id");

    /// <summary>The id text.</summary>
    public string Value { get => field ?? string.Empty; }

    /// <summary>Returns the id text.</summary>
    /// <returns>The id text.</returns>
    public override string ToString() => Value;
}

internal static class IdText
{
    internal static string Check(string? value, string paramName, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"A {what} must not be blank; was '{value}'.", paramName);
        }
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            throw new ArgumentException($"A {what} must not start or end with white space; was '{value}'.", paramName);
        }
        return value;
    }
}
