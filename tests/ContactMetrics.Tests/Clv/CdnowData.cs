using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// The CDNOW data sets of Fader, Hardie &amp; Lee, read from ../shared/data next to the repository root
/// (see /work/shared/data/README.md); never copied into the repository.
/// </summary>
internal static class CdnowData
{
    /// <summary>The 39-week calibration period of the BG/NBD paper ends on 1997-09-30.</summary>
    public static readonly LocalDate CalibrationEnd = new(1997, 9, 30);

    /// <summary>The holdout period: weeks 40-78, to the end of the data (1998-06-30).</summary>
    public static readonly LocalDate HoldoutEnd = new(1998, 6, 30);

    private static readonly Lazy<string> DataDirectory = new(FindDataDirectory);
    private static readonly Lazy<Log> SampleLog = new(() => ReadLog("CDNOW_sample.txt", idColumn: 1, hasHeader: false));
    private static readonly Lazy<Log> MasterLog = new(() => ReadLog("CDNOW_master.txt", idColumn: 0, hasHeader: true));
    private static readonly Lazy<PublishedRow[]> Published = new(ReadPublishedSummary);
    private static readonly Lazy<RfmSummary> SampleSummary = new(() => RfmSummaryBuilder.Build(
        SampleLog.Value.Customers, SampleLog.Value.Dates, SampleLog.Value.Amounts,
        new RfmSummaryOptions(CalibrationEnd) { HoldoutEnd = HoldoutEnd }, Currency.Usd));

    public sealed record Log(CustomerId[] Customers, LocalDate[] Dates, decimal[] Amounts);

    /// <summary>A row of cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar.</summary>
    public sealed record PublishedRow(string Id, int X, double Tx, double T, double Zbar);

    /// <summary>CDNOW_sample.txt (2,357 customers), the customer id being the sample id (column 2).</summary>
    public static Log Sample => SampleLog.Value;

    /// <summary>CDNOW_master.txt (23,570 customers).</summary>
    public static Log Master => MasterLog.Value;

    public static PublishedRow[] PublishedSummary => Published.Value;

    /// <summary>The sample summarized with the paper's conventions, with weeks 40-78 as holdout.</summary>
    public static RfmSummary Summary => SampleSummary.Value;

    public static string PathOf(string file) => Path.Combine(DataDirectory.Value, file);

    private static string FindDataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactMetrics.sln")))
            {
                string data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                if (!Directory.Exists(data))
                {
                    throw new DirectoryNotFoundException(
                        $"The reference data sets are read from ../shared/data beside the repository ({data}); it is missing. Clone the repository next to shared/.");
                }
                return data;
            }
        }
        throw new InvalidOperationException($"ContactMetrics.sln not found above {AppContext.BaseDirectory}.");
    }

    private static Log ReadLog(string file, int idColumn, bool hasHeader)
    {
        var customers = new List<CustomerId>();
        var dates = new List<LocalDate>();
        var amounts = new List<decimal>();
        var ids = new Dictionary<string, CustomerId>(StringComparer.Ordinal);
        var pattern = LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd");
        foreach (var line in File.ReadLines(PathOf(file)).Skip(hasHeader ? 1 : 0))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }
            string idText = int.Parse(fields[idColumn], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            if (!ids.TryGetValue(idText, out var id))
            {
                id = new CustomerId(idText);
                ids.Add(idText, id);
            }
            customers.Add(id);
            dates.Add(pattern.Parse(fields[idColumn + 1]).Value);
            amounts.Add(decimal.Parse(fields[idColumn + 3], CultureInfo.InvariantCulture));
        }
        return new Log(customers.ToArray(), dates.ToArray(), amounts.ToArray());
    }

    private static PublishedRow[] ReadPublishedSummary() => File.ReadLines(PathOf("cdnow_customers_summary_with_transactions.csv"))
        .Skip(1)
        .Where(line => line.Length > 0)
        .Select(line => line.Split(','))
        .Select(f => new PublishedRow(
            f[0],
            int.Parse(f[1], CultureInfo.InvariantCulture),
            double.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture),
            double.Parse(f[4], CultureInfo.InvariantCulture)))
        .ToArray();
}
