using ContactMetrics.Cli.Output;
using ContactMetrics.Domain;
using ContactMetrics.Reporting;

namespace ContactMetrics.Cli.Tests;

/// <summary>The span CSV writer of <c>clv predict</c> writes what OutputWriter writes for the same cells, byte for byte.</summary>
public class SpanCsvWriterTests
{
    // Text that needs quoting or neutralising; numbers at the edges of round-trip formatting; money of every scale, sign
    // and size (beyond a ulong's digits, zero with a scale, a negative below one).
    private static readonly string[] Texts = ["plain", "comma,inside", "quote\"inside", "line\nbreak", "=1+1", "-promo", "é-ü", "cr\rinside"];
    private static readonly double[] Doubles = [0, -0.0, 1, -12.5, 0.1, 1.0 / 3, 1e-300, 1.7976931348623157e308, 123456789012345678, double.NaN, double.PositiveInfinity, 5e-324];
    private static readonly decimal[] Amounts = [0m, 0.00m, 1.10m, -0.5m, 24.6586161702809m, -0.000001m, 12345678901234567890.123m, 79228162514264337593543950335m, -7.9e27m, 100m];

    private static (string Span, string Boxed) Write(bool raw)
    {
        var columns = new[] { new FigureColumn("name", "Name"), new FigureColumn("count", "Count", true), new FigureColumn("value", "Value", true), new FigureColumn("amount", "Amount", true) };
        var sheet = new FigureSheet();
        var table = sheet.Add("s", "S").SetTable("rows", columns);
        var span = new StringWriter();
        var writer = new SpanCsvWriter(span, raw);
        writer.Header(columns);
        int rows = Math.Max(Texts.Length, Math.Max(Doubles.Length, Amounts.Length));
        // Enough rows to fill the 64 Ki-character buffer many times over.
        for (int r = 0; r < 40 * rows * 100; r++)
        {
            string text = Texts[r % Texts.Length];
            int count = r - 5_000;
            double value = Doubles[r % Doubles.Length] * (r % 7 == 0 ? -1 : 1);
            var amount = new Money(Amounts[r % Amounts.Length], Currency.Eur);
            table.Row(text, count, value, amount);
            writer.Text(text);
            writer.Number(count);
            writer.Number(value);
            writer.Number(amount.Amount);
            writer.EndRow();
        }
        writer.Flush();
        var boxed = new StringWriter();
        OutputWriter.Write(sheet, OutputFormat.Csv, null, new CliConsole(boxed, new StringWriter()), raw);
        return (span.ToString(), boxed.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SpanCsvWriter_EveryKindOfCell_WritesWhatOutputWriterWrites(bool raw)
    {
        var (span, boxed) = Write(raw);

        span.Length.Should().BeGreaterThan(1 << 17);
        span.Should().Be(boxed);
    }
}
