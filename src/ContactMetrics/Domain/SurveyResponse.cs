namespace ContactMetrics.Domain;

/// <summary>
/// The survey answers attached to an interaction: customer satisfaction (CSAT, 1-5), net promoter
/// score (NPS, 0-10), customer effort score (CES 2.0, 1-7) and, where the survey asks it, whether the customer actually
/// recommended the company (a follow-up question, e.g. "have you recommended us in the last three months?"). Any of
/// them may be missing, but not all of them.
/// </summary>
public sealed class SurveyResponse : IEquatable<SurveyResponse>
{
    /// <summary>The lowest CSAT answer.</summary>
    public const int CsatMin = 1;
    /// <summary>The highest CSAT answer.</summary>
    public const int CsatMax = 5;
    /// <summary>The lowest NPS answer ("not at all likely").</summary>
    public const int NpsMin = 0;
    /// <summary>The highest NPS answer ("extremely likely").</summary>
    public const int NpsMax = 10;
    /// <summary>The lowest CES 2.0 answer ("strongly disagree" that the company made it easy).</summary>
    public const int CesMin = 1;
    /// <summary>The highest CES 2.0 answer.</summary>
    public const int CesMax = 7;

    /// <summary>Creates a survey response.</summary>
    /// <param name="csat">CSAT answer, 1-5, or <see langword="null"/>.</param>
    /// <param name="nps">Likelihood to recommend, 0-10, or <see langword="null"/>.</param>
    /// <param name="ces">CES 2.0 answer, 1-7, or <see langword="null"/>.</param>
    /// <param name="recordId">The id of the record the answers belong to, used in error messages.</param>
    /// <exception cref="InvalidRecordException">A score is out of range, or all three are missing.</exception>
    public SurveyResponse(int? csat = null, int? nps = null, int? ces = null, string recordId = "survey")
        : this(csat, nps, ces, null, recordId)
    {
    }

    private SurveyResponse(int? csat, int? nps, int? ces, bool? recommended, string recordId)
    {
        Csat = CheckScore(csat, CsatMin, CsatMax, "csat", recordId, nameof(csat));
        Nps = CheckScore(nps, NpsMin, NpsMax, "nps", recordId, nameof(nps));
        Ces = CheckScore(ces, CesMin, CesMax, "ces", recordId, nameof(ces));
        Recommended = recommended;
        if (csat is null && nps is null && ces is null && recommended is null)
        {
            throw new InvalidRecordException("survey", recordId, "csat", null, "is missing, as are nps, ces and recommended: a survey response needs at least one answer", nameof(csat));
        }
    }

    /// <summary>Creates a survey response with the answer to "did you recommend us?".</summary>
    /// <param name="csat">CSAT answer, 1-5, or <see langword="null"/>.</param>
    /// <param name="nps">Likelihood to recommend, 0-10, or <see langword="null"/>.</param>
    /// <param name="ces">CES 2.0 answer, 1-7, or <see langword="null"/>.</param>
    /// <param name="recommended">Whether the customer actually recommended the company, or <see langword="null"/> when not asked.</param>
    /// <param name="recordId">The id of the record the answers belong to, used in error messages.</param>
    /// <exception cref="InvalidRecordException">A score is out of range, or all four answers are missing.</exception>
    /// <returns>The response.</returns>
    public static SurveyResponse Create(int? csat, int? nps, int? ces, bool? recommended, string recordId) => new(csat, nps, ces, recommended, recordId);

    /// <summary>CSAT answer, 1-5, if given.</summary>
    public int? Csat { get; }

    /// <summary>Likelihood to recommend, 0-10, if given.</summary>
    public int? Nps { get; }

    /// <summary>CES 2.0 answer, 1-7, if given.</summary>
    public int? Ces { get; }

    /// <summary>Whether the customer actually recommended the company (the survey's follow-up question), if asked.</summary>
    public bool? Recommended { get; }

    /// <inheritdoc />
    public bool Equals(SurveyResponse? other) => other is not null && Csat == other.Csat && Nps == other.Nps && Ces == other.Ces && Recommended == other.Recommended;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SurveyResponse);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Csat, Nps, Ces, Recommended);

    /// <inheritdoc />
    public override string ToString() => $"csat={Csat?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} nps={Nps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ces={Ces?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}" + Recommended switch
    {
        true => " recommended=yes",
        false => " recommended=no",
        null => "",
    };

    private static int? CheckScore(int? value, int min, int max, string field, string recordId, string paramName)
    {
        if (value is int v && (v < min || v > max))
        {
            throw new InvalidRecordException("interaction", recordId, field, v.ToString(System.Globalization.CultureInfo.InvariantCulture), $"is out of range: must be {min}-{max}", paramName);
        }
        return value;
    }
}
