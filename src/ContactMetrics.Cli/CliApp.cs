namespace ContactMetrics.Cli;

/// <summary>The entry point of the <c>contactmetrics</c> tool.</summary>
public static class CliApp
{
    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The exit code: 0 success, 2 invalid input or arguments, 1 anything else.</returns>
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: contactmetrics demo|validate ...");
        return args.Length == 0 ? 2 : 1;
    }
}
