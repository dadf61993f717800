using System.Globalization;
using ContactMetrics.Retention;
using ContactMetrics.Tests.Clv;

namespace ContactMetrics.Tests.Retention;

/// <summary>
/// rossi.csv (Rossi, Berk &amp; Lenihan 1980; 432 released prisoners), read from ../shared/data like the CDNOW data
/// (see /work/shared/data/README.md): week, arrest, fin, age, race, wexp, mar, paro, prio.
/// </summary>
internal static class RossiData
{
    public static readonly string[] CovariateNames = ["fin", "age", "race", "wexp", "mar", "paro", "prio"];

    private static readonly Lazy<double[][]> Columns = new(Read);

    /// <summary>Column <paramref name="name"/> of the file.</summary>
    public static double[] Column(string name) => Columns.Value[Array.IndexOf(Header, name)];

    public static int Count => Columns.Value[0].Length;

    /// <summary>Surv(week, arrest) with the named covariates, in that order.</summary>
    public static SurvivalTable Table(params string[] covariates)
    {
        var table = SurvivalTable.FromColumns(Column("week"), Column("arrest").Select(a => a == 1).ToArray());
        foreach (var name in covariates)
        {
            table = table.WithCovariate(name, Column(name));
        }
        return table;
    }

    /// <summary>Labels of a 0/1 column as text ("0", "1"), as R's factor levels.</summary>
    public static string[] Labels(string name) => Column(name).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static readonly string[] Header = ["week", "arrest", "fin", "age", "race", "wexp", "mar", "paro", "prio"];

    private static double[][] Read()
    {
        var lines = File.ReadAllLines(CdnowData.PathOf("rossi.csv"));
        lines[0].Split(',').Should().Equal(Header);
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return Enumerable.Range(0, Header.Length).Select(j => rows.Select(r => r[j]).ToArray()).ToArray();
    }
}
