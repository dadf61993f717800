namespace ContactMetrics.Cli;

/// <summary>The user's input or arguments are invalid; the tool exits with code 2 and prints the message on stderr.</summary>
public sealed class CliInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the option, file, line or column.</param>
    public CliInputException(string message)
        : base(message)
    {
    }
}
