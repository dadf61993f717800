namespace ContactMetrics.Cli.Output;

/// <summary>A fraction in [0, 1] that the table format shows as a percentage; JSON and CSV keep the fraction.</summary>
internal readonly record struct Rate(double Value)
{
    public static Rate? Of(double? value) => value is double v ? new Rate(v) : null;
}
