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

    [Fact]
    public void TryFormatShortDecimal_DecimalsReadFromFiles_WritesWhatRoundTripFormattingWrites()
    {
        // Oracle: double.ToString("R") (.NET's shortest round-trip text). Values: decimals of 0-10 places and 1-17 digits
        // parsed as a reader parses them, values a step of the double grid beside them, and doubles of full precision.
        var random = new Random(20261206);
        int missed = 0;
        var target = new char[32];
        for (int n = 0; n < 200_000; n++)
        {
            int places = random.Next(0, 11);
            long digits = random.NextInt64(1, (long)Math.Pow(10, random.Next(1, 18)));
            string text = (digits / Math.Pow(10, places)).ToString("F" + places, System.Globalization.CultureInfo.InvariantCulture);
            double parsed = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture) * (n % 3 == 0 ? -1 : 1);
            foreach (double value in new[] { parsed, Math.BitIncrement(parsed), Math.BitDecrement(parsed), random.NextDouble() * Math.Pow(10, random.Next(-6, 16)) })
            {
                if (SpanCsvWriter.TryFormatShortDecimal(value, target, out int written))
                {
                    new string(target, 0, written).Should().Be(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), $"{value:R}");
                }
                else if (value == parsed && places <= 8 && digits < 1_000_000_000_000_000 && Math.Abs(parsed) is >= 1e-4 and < 1e14)
                {
                    // A decimal of at most 8 places and 15 digits in range must take the fast path.
                    missed++;
                }
            }
        }
        foreach (double edge in new[] { 1e-4, 0.00011, 99999999999999.9, 1e13, 12345678901234.5, 0.1 + 0.2, 30.43, 38.86, 0.5, 3 })
        {
            bool taken = SpanCsvWriter.TryFormatShortDecimal(edge, target, out int written);
            (taken ? new string(target, 0, written) : edge.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                .Should().Be(edge.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        // Every short decimal takes the fast path (a file's recencies and spends): it is not a formatter that always declines.
        missed.Should().Be(0);
    }
}
