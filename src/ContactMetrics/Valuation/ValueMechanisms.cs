using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Valuation;

/// <summary>
/// The standard line items of a contact-center business case, one explicit mechanism each: a KPI change, the
/// calculator that turns it into a countable effect (repeat contacts, customers kept, FTE, conversions) and the money
/// value of that effect a year. Every input carries its source; see docs/models/valuation.md.
/// </summary>
public static class ValueMechanisms
{
    /// <summary>
    /// FCR +x points, repeat contacts avoided: contacts x x x repeats per unresolved contact x cost per contact.
    /// </summary>
    /// <param name="contacts">Contacts a year that can be resolved first time (the FCR base).</param>
    /// <param name="fcrGain">The FCR improvement as a share (0.05 for +5 points); shared with <see cref="ChurnAvoidedByFcr"/>.</param>
    /// <param name="repeatsPerUnresolvedContact">The repeat contacts an unresolved contact brings on average.</param>
    /// <param name="costPerContact">The cost of one (repeat) contact; money.</param>
    /// <returns>The line, in the currency of <paramref name="costPerContact"/>.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse (the message names it).</exception>
    public static LineItem RepeatContactsAvoided(UncertainInput contacts, UncertainInput fcrGain, UncertainInput repeatsPerUnresolvedContact, UncertainInput costPerContact)
    {
        var currency = Money(costPerContact);
        NotMoney(contacts);
        NotMoney(fcrGain);
        NotMoney(repeatsPerUnresolvedContact);
        return LineItem.Product(
            $"FCR {Points(fcrGain)}: repeat contacts avoided",
            "A contact resolved first time instead of not avoids the repeat contacts an unresolved one brings; each avoided repeat saves the cost of a contact.",
            currency, [contacts, fcrGain, repeatsPerUnresolvedContact, costPerContact]);
    }

    /// <summary>
    /// FCR +x points, churn avoided: customers affected x retention uplift (resolved vs unresolved) x x x value per customer.
    /// </summary>
    /// <param name="customersAffected">Customers a year whose contact could be resolved first time.</param>
    /// <param name="retentionUplift">Retention of customers resolved first time minus that of customers not resolved (a share; e.g. <see cref="UncertainInput.FromRetentionDifference"/>).</param>
    /// <param name="fcrGain">The FCR improvement as a share; shared with <see cref="RepeatContactsAvoided"/>.</param>
    /// <param name="valuePerCustomer">The value of one customer kept (e.g. the mean CLV); money.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse.</exception>
    public static LineItem ChurnAvoidedByFcr(UncertainInput customersAffected, UncertainInput retentionUplift, UncertainInput fcrGain, UncertainInput valuePerCustomer)
    {
        var currency = Money(valuePerCustomer);
        NotMoney(customersAffected);
        NotMoney(retentionUplift);
        NotMoney(fcrGain);
        return LineItem.Product(
            $"FCR {Points(fcrGain)}: churn avoided",
            "Customers resolved first time stay more often than customers who are not (the measured retention difference); shifting x points of customers to a resolved first contact keeps that difference x their number, each worth the value of a customer.",
            currency, [customersAffected, retentionUplift, fcrGain, valuePerCustomer],
            "The retention difference between resolved and unresolved customers is observational; it is causal only as far as the comparison (index date, adjustment by segment and tenure) removes confounding.");
    }

    /// <summary>
    /// CSAT +y points, churn avoided: customers affected x y x the CSAT-retention relation x value per customer.
    /// </summary>
    /// <param name="customersAffected">Customers a year who give (or would give) a CSAT answer.</param>
    /// <param name="csatGain">The CSAT improvement as a share of customers moved to satisfied (0.03 for +3 points top-box).</param>
    /// <param name="csatRetentionRelation">Retention of satisfied customers minus that of the others (a share): measured (e.g. <c>RetentionUpliftBuilder</c> with CSAT grouping) or assumed.</param>
    /// <param name="valuePerCustomer">The value of one customer kept; money.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse.</exception>
    public static LineItem ChurnAvoidedByCsat(UncertainInput customersAffected, UncertainInput csatGain, UncertainInput csatRetentionRelation, UncertainInput valuePerCustomer)
        => CsatChurn($"CSAT {Points(csatGain)}: churn avoided", customersAffected, csatGain, csatRetentionRelation, valuePerCustomer);

    /// <summary>
    /// <see cref="ChurnAvoidedByCsat"/> for the customers of one segment, with the segment's own CSAT-retention relation and
    /// value per customer: one line per segment, named after it, so the lines of several segments fit one business case.
    /// </summary>
    /// <param name="segment">The segment's name; not blank.</param>
    /// <param name="customersAffected">The segment's customers a year who give (or would give) a CSAT answer.</param>
    /// <param name="csatGain">The CSAT improvement as a share of customers moved to top-box; may be shared by the segments' lines.</param>
    /// <param name="csatRetentionRelation">The segment's retention of top-box customers minus that of the others.</param>
    /// <param name="valuePerCustomer">The value of one customer of the segment kept; money.</param>
    /// <returns>The line <c>CSAT +y points: churn avoided (segment)</c>.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">The segment is blank, or an input is money where a count or share is expected, or the reverse.</exception>
    public static LineItem ChurnAvoidedByCsatInSegment(string segment, UncertainInput customersAffected, UncertainInput csatGain, UncertainInput csatRetentionRelation, UncertainInput valuePerCustomer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        Preconditions.CheckNotNull(csatGain);
        return CsatChurn($"CSAT {Points(csatGain)}: churn avoided ({segment})", customersAffected, csatGain, csatRetentionRelation, valuePerCustomer);
    }

    private static LineItem CsatChurn(string name, UncertainInput customersAffected, UncertainInput csatGain, UncertainInput csatRetentionRelation, UncertainInput valuePerCustomer)
        => ChurnAvoidedByExperience(name,
            "Satisfied customers stay more often than the others (the CSAT-retention relation, stated as an input); moving y points of customers to satisfied keeps that difference x their number, each worth the value of a customer.",
            "The CSAT-retention relation is an association unless it comes from an experiment; it is an input, so its range should say how sure it is.",
            customersAffected, csatGain, csatRetentionRelation, valuePerCustomer);

    /// <summary>An experience lever's churn line: customers x the share moved x the retention relation x value per customer.</summary>
    private static LineItem ChurnAvoidedByExperience(string name, string mechanism, string caveat, UncertainInput customersAffected, UncertainInput gain, UncertainInput retentionRelation,
        UncertainInput valuePerCustomer)
    {
        var currency = Money(valuePerCustomer);
        NotMoney(customersAffected);
        NotMoney(gain);
        NotMoney(retentionRelation);
        return LineItem.Product(name, mechanism, currency, [customersAffected, gain, retentionRelation, valuePerCustomer], caveat);
    }

    /// <summary>
    /// AHT -z seconds: the FTE saved through the staffing model x the loaded cost of an FTE a year. The profile is staffed
    /// by <paramref name="planner"/> at the current handle time and at handle times shortened across the range of
    /// <paramref name="reductionSeconds"/> (once, up front); the Monte Carlo interpolates between those staffing runs.
    /// </summary>
    /// <param name="profile">The demand the staffing is planned on.</param>
    /// <param name="planner">The planner (service level target, shrinkage, Erlang C or A).</param>
    /// <param name="reductionSeconds">How many seconds shorter the handle time becomes; its interval must stay below the current handle time.</param>
    /// <param name="loadedCostPerFteYear">The loaded cost of one FTE a year (salary, benefits, overhead); money.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An input is money where seconds are expected, or the reverse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The high end of <paramref name="reductionSeconds"/> is not shorter than the current handle time.</exception>
    /// <remarks>
    /// Agents come in whole numbers per interval, so the FTE saved is a step function of the reduction. The curve is
    /// computed at 41 reductions evenly spread over the range of the draws (the interval, or for a normal input its
    /// P0.05-P99.95, within the input's bounds) plus the low, point and high values, so those are exact; between them
    /// it is linear, and draws beyond the range take the nearest end.
    /// </remarks>
    public static LineItem AhtReduction(StaffingProfile profile, StaffingPlanner planner, UncertainInput reductionSeconds, UncertainInput loadedCostPerFteYear)
    {
        Preconditions.CheckNotNull(profile);
        Preconditions.CheckNotNull(planner);
        var currency = Money(loadedCostPerFteYear);
        NotMoney(reductionSeconds);
        double aht = profile.AverageHandleTime.TotalSeconds;
        if (!(reductionSeconds.High < aht))
        {
            throw new ArgumentOutOfRangeException(nameof(reductionSeconds), reductionSeconds.High, string.Create(CultureInfo.InvariantCulture,
                $"Input '{reductionSeconds.Name}': the high end of the reduction, {reductionSeconds.High:R} s, must be shorter than the current handle time of {aht:R} s."));
        }
        var curve = FteCurve.Build(profile, planner, reductionSeconds);
        string target = $"{planner.Model} staffing to {planner.Target}, shrinkage {planner.Shrinkage.ToString("0.##", CultureInfo.InvariantCulture)}, on {profile.Description}";
        return new LineItem(
            $"AHT -{ValuationFormat.Number(reductionSeconds.Point)} s: fewer agents",
            "A shorter handle time lowers the offered load, so fewer agents meet the same service level target; the FTE saved cost the loaded cost of an FTE each.",
            $"(FTE at AHT - FTE at AHT minus {reductionSeconds.Name}) x {loadedCostPerFteYear.Name}; FTE by {target}",
            [reductionSeconds, loadedCostPerFteYear], currency,
            v => curve.Saved(v[0]) * v[1],
            (v, result) => string.Create(CultureInfo.InvariantCulture,
                $"(FTE at {aht:0.#} s {curve.Baseline:0.##} - FTE at {aht - v[0]:0.#} s {curve.Baseline - curve.Saved(v[0]):0.##}) = {curve.Saved(v[0]):0.##} FTE x {loadedCostPerFteYear.Format(v[1])} = {ValuationFormat.Amount(result, currency)}"));
    }

    /// <summary>
    /// A different service level target: the FTE difference between the current and the proposed target through the
    /// staffing model x the loaded cost of an FTE a year (negative when the proposed target needs more agents).
    /// </summary>
    /// <param name="profile">The demand the staffing is planned on.</param>
    /// <param name="current">The planner with the current target.</param>
    /// <param name="proposed">The planner with the proposed target.</param>
    /// <param name="loadedCostPerFteYear">The loaded cost of one FTE a year; money.</param>
    /// <returns>The line; its FTE difference is a fixed, measured input computed by the planners.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="loadedCostPerFteYear"/> is not money.</exception>
    public static LineItem ServiceLevelTarget(StaffingProfile profile, StaffingPlanner current, StaffingPlanner proposed, UncertainInput loadedCostPerFteYear)
    {
        Preconditions.CheckNotNull(profile);
        Preconditions.CheckNotNull(current);
        Preconditions.CheckNotNull(proposed);
        var currency = Money(loadedCostPerFteYear);
        double before = profile.Fte(current);
        double after = profile.Fte(proposed);
        var saved = UncertainInput.Exact("FTE saved by the target change", "FTE", before - after, InputSource.Modelled(
            string.Create(CultureInfo.InvariantCulture, $"FTE for {current.Target} ({before:0.##}) minus FTE for {proposed.Target} ({after:0.##}) on {profile.Description}"),
            $"StaffingPlanner, {current.Model}, shrinkage {current.Shrinkage.ToString("0.##", CultureInfo.InvariantCulture)} and {proposed.Shrinkage.ToString("0.##", CultureInfo.InvariantCulture)}",
            profile.ContactsPerInterval.Length));
        return LineItem.Product(
            $"Service level target {proposed.Target}",
            "Another service level target changes the agents needed in every interval; the FTE difference costs (or saves) the loaded cost of an FTE each.",
            currency, [saved, loadedCostPerFteYear],
            "Only the staffing cost is valued; what the service level does to customers (abandonment, churn) is not in this line.");
    }

    /// <summary>
    /// A shift of contacts to self-service: contacts shifted x ((1 - containment failure share) x assisted cost - self-service cost).
    /// Each shifted contact costs the self-service cost; the share that self-service does not contain still needs the
    /// assisted contact, so only the contained share saves the assisted cost.
    /// </summary>
    /// <param name="contactsShifted">Contacts a year moved from assisted channels to self-service.</param>
    /// <param name="assistedCost">The cost of an assisted contact; money.</param>
    /// <param name="selfServiceCost">The cost of a self-service contact; money, same currency.</param>
    /// <param name="containmentFailure">The share of self-service attempts that still end in an assisted contact, in [0, 1].</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="containmentFailure"/> allows values outside [0, 1].</exception>
    /// <exception cref="CurrencyMismatchException">The two costs are in different currencies.</exception>
    public static LineItem SelfServiceShift(UncertainInput contactsShifted, UncertainInput assistedCost, UncertainInput selfServiceCost, UncertainInput containmentFailure)
    {
        var currency = Money(assistedCost);
        Money(selfServiceCost);
        NotMoney(contactsShifted);
        NotMoney(containmentFailure);
        CheckShare(containmentFailure, nameof(containmentFailure));
        return new LineItem(
            "Contacts shifted to self-service",
            "Each contact moved to self-service costs the self-service cost instead of the assisted cost; the share self-service does not contain comes back as an assisted contact, so it saves nothing and still costs the self-service attempt.",
            $"{contactsShifted.Name} x ((1 - {containmentFailure.Name}) x {assistedCost.Name} - {selfServiceCost.Name})",
            [contactsShifted, assistedCost, selfServiceCost, containmentFailure], currency,
            v => v[0] * (((1 - v[3]) * v[1]) - v[2]),
            (v, result) => $"{contactsShifted.Format(v[0])} x ((1 - {containmentFailure.Format(v[3])}) x {assistedCost.Format(v[1])} - {selfServiceCost.Format(v[2])}) = {ValuationFormat.Amount(result, currency)}");
    }

    /// <summary>How the name of the line <see cref="AttritionReduction"/> makes begins (the points follow): readers find the line by it.</summary>
    public const string AttritionLineName = "Agent attrition";

    /// <summary>Lower agent attrition: agents x reduction in the annual attrition rate (leavers avoided) x cost per leaver.</summary>
    /// <param name="agents">Agents on the payroll (headcount).</param>
    /// <param name="attritionReduction">How much lower the annual attrition rate becomes, as a share (0.05 for 5 points).</param>
    /// <param name="costPerLeaver">What one leaver costs: recruiting, training, lost productivity while the replacement ramps up; money.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse.</exception>
    public static LineItem AttritionReduction(UncertainInput agents, UncertainInput attritionReduction, UncertainInput costPerLeaver)
    {
        var currency = Money(costPerLeaver);
        NotMoney(agents);
        NotMoney(attritionReduction);
        return LineItem.Product(
            $"{AttritionLineName} {Points(attritionReduction, negative: true)}",
            "Each leaver avoided saves the cost of replacing an agent (recruiting, training, lower productivity while new).",
            currency, [agents, attritionReduction, costPerLeaver]);
    }

    /// <summary>
    /// Assisted conversions through the attribution model: service-assisted conversions x value per conversion x
    /// incrementality share. Attribution is not causation: the share of assisted conversions the service contact
    /// actually caused is an explicit assumption (or comes from an experiment).
    /// </summary>
    /// <param name="assistedConversions">Conversions a year with a service contact on their path (e.g. an <c>AssistReport</c>).</param>
    /// <param name="valuePerConversion">The margin of one conversion; money.</param>
    /// <param name="incrementalShare">The share of assisted conversions that would not have happened without the service contact, in [0, 1].</param>
    /// <returns>The line, with a caveat that attribution is not causation.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="incrementalShare"/> allows values outside [0, 1].</exception>
    public static LineItem AssistedConversions(UncertainInput assistedConversions, UncertainInput valuePerConversion, UncertainInput incrementalShare)
    {
        var currency = Money(valuePerConversion);
        NotMoney(assistedConversions);
        NotMoney(incrementalShare);
        CheckShare(incrementalShare, nameof(incrementalShare));
        return LineItem.Product(
            "Conversions assisted by service",
            "Service contacts sit on the path of some conversions (attribution); the share of those the contact actually caused is worth the value of a conversion each.",
            currency, [assistedConversions, incrementalShare, valuePerConversion],
            "Attribution counts the conversions a service contact was on the path of; it is not causation. Only the incrementality share (an assumption unless measured by an experiment or a holdout) turns assists into value.");
    }

    /// <summary>
    /// Referral value from NPS: promoters gained x share of promoters who actually recommend x referral conversion x
    /// value per customer; all inputs (an NPS score does not say who recommends).
    /// </summary>
    /// <param name="promotersGained">Additional promoters (9-10) a year.</param>
    /// <param name="shareWhoRecommend">The share of promoters who actually recommend, in [0, 1].</param>
    /// <param name="referralConversion">New customers per recommending promoter (a referral conversion rate).</param>
    /// <param name="valuePerCustomer">The value of one new customer; money.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shareWhoRecommend"/> allows values outside [0, 1].</exception>
    public static LineItem NpsReferrals(UncertainInput promotersGained, UncertainInput shareWhoRecommend, UncertainInput referralConversion, UncertainInput valuePerCustomer)
    {
        var currency = Money(valuePerCustomer);
        NotMoney(promotersGained);
        NotMoney(shareWhoRecommend);
        NotMoney(referralConversion);
        CheckShare(shareWhoRecommend, nameof(shareWhoRecommend));
        return LineItem.Product(
            "NPS: referrals from new promoters",
            "Some promoters recommend the company, and some recommendations bring a customer; each new customer is worth the value of a customer.",
            currency, [promotersGained, shareWhoRecommend, referralConversion, valuePerCustomer],
            "Stated intent to recommend overstates actual referrals; the share who actually recommend is an input for that reason.");
    }

    /// <summary>
    /// NPS +y points through actual recommendations: customers x y (the share moved from a 7 to a 10) x (share who actually
    /// recommend at 10 - share at 7) x referral conversion x value per customer. Stated intent overstates recommendation:
    /// the shares by score are what customers report having done (measured from a <c>recommended</c> survey flag, or the
    /// MarketResponse study's 36 % at 10 and 14 % at 7 as assumptions).
    /// </summary>
    /// <param name="customers">Customers a year whose answer the programme can move.</param>
    /// <param name="npsGain">The share of them moved from a 7 (passive) to a 10 (promoter): +y NPS points.</param>
    /// <param name="shareAtTen">The share of customers answering 10 who actually recommend, in [0, 1].</param>
    /// <param name="shareAtSeven">The share of customers answering 7 who actually recommend, in [0, 1].</param>
    /// <param name="referralConversion">New customers per customer who recommends.</param>
    /// <param name="valuePerCustomer">The value of one new customer; money.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A share by score allows values outside [0, 1].</exception>
    public static LineItem NpsReferralsByScore(UncertainInput customers, UncertainInput npsGain, UncertainInput shareAtTen, UncertainInput shareAtSeven, UncertainInput referralConversion, UncertainInput valuePerCustomer)
    {
        var currency = Money(valuePerCustomer);
        NotMoney(customers);
        NotMoney(npsGain);
        NotMoney(shareAtTen);
        NotMoney(shareAtSeven);
        NotMoney(referralConversion);
        CheckShare(shareAtTen, nameof(shareAtTen));
        CheckShare(shareAtSeven, nameof(shareAtSeven));
        return new LineItem(
            $"NPS {Points(npsGain)}: referrals",
            "Customers moved from a 7 to a 10 recommend the company more often (actual recommendation, not stated intent); some recommendations bring a customer, each worth the value of a customer.",
            $"{customers.Name} x {npsGain.Name} x ({shareAtTen.Name} - {shareAtSeven.Name}) x {referralConversion.Name} x {valuePerCustomer.Name}",
            [customers, npsGain, shareAtTen, shareAtSeven, referralConversion, valuePerCustomer], currency,
            v => v[0] * v[1] * (v[2] - v[3]) * v[4] * v[5],
            (v, result) => $"{customers.Format(v[0])} x {npsGain.Format(v[1])} x ({shareAtTen.Format(v[2])} - {shareAtSeven.Format(v[3])}) x {referralConversion.Format(v[4])} x {valuePerCustomer.Format(v[5])} = {ValuationFormat.Amount(result, currency)}",
            "The referral conversion is an assumption unless referrals are tracked; the shares by score describe what customers say they did.");
    }

    /// <summary>
    /// CES +y points, repeat contacts avoided: resolved contacts a year x y (the share moved from difficult to easy) x the
    /// extra repeats a difficult resolved contact brings x cost per contact. Only resolved contacts, so the line does not
    /// value again the repeats an unresolved contact brings (the FCR line).
    /// </summary>
    /// <param name="resolvedContacts">Resolved contacts a year.</param>
    /// <param name="cesGain">The share of them moved from difficult (CES 1-3) to easy (CES 5-7).</param>
    /// <param name="extraRepeats">Repeat contacts a difficult resolved contact brings beyond an easy one.</param>
    /// <param name="costPerContact">The cost of one (repeat) contact; money.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse.</exception>
    public static LineItem RepeatContactsAvoidedByEffort(UncertainInput resolvedContacts, UncertainInput cesGain, UncertainInput extraRepeats, UncertainInput costPerContact)
    {
        var currency = Money(costPerContact);
        NotMoney(resolvedContacts);
        NotMoney(cesGain);
        NotMoney(extraRepeats);
        return LineItem.Product(
            $"CES {Points(cesGain)}: repeat contacts avoided",
            "A resolved contact that was hard work brings more repeat contacts (the customer checks, or finishes what was left); making it easy avoids them, each saving the cost of a contact.",
            currency, [resolvedContacts, cesGain, extraRepeats, costPerContact],
            "The extra repeats of difficult contacts are an association; effort and repeats may share causes the comparison does not remove.");
    }

    /// <summary>
    /// CES +y points, churn avoided: customers affected x y (the share moved to an easy answer) x the retention of customers
    /// whose contact was easy minus that of the others x value per customer.
    /// </summary>
    /// <param name="customersAffected">Customers a year who give (or would give) a CES answer.</param>
    /// <param name="cesGain">The share of them moved to an easy answer (CES 5-7); may be shared with <see cref="RepeatContactsAvoidedByEffort"/>.</param>
    /// <param name="cesRetentionRelation">Retention of customers with an easy contact minus that of the others (a share): measured (e.g. <c>RetentionUpliftBuilder</c> with the effort grouping) or assumed.</param>
    /// <param name="valuePerCustomer">The value of one customer kept; money.</param>
    /// <returns>The line <c>CES +y points: churn avoided</c>.</returns>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    /// <exception cref="ArgumentException">An input is money where a count or share is expected, or the reverse.</exception>
    public static LineItem ChurnAvoidedByEffort(UncertainInput customersAffected, UncertainInput cesGain, UncertainInput cesRetentionRelation, UncertainInput valuePerCustomer)
    {
        Preconditions.CheckNotNull(cesGain);
        return ChurnAvoidedByExperience($"CES {Points(cesGain)}: churn avoided",
            "Customers whose contact was easy stay more often than those who had to work for it (the effort-retention relation, stated as an input); making y points of contacts easy keeps that difference x their number, each worth the value of a customer.",
            "The effort-retention relation is an association unless it comes from an experiment; easy answers follow resolved contacts, so it also carries what resolution does (the FCR line).",
            customersAffected, cesGain, cesRetentionRelation, valuePerCustomer);
    }

    private static Currency Money(UncertainInput input, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(input))] string? paramName = null)
    {
        Preconditions.CheckNotNull(input, paramName);
        return input.Currency ?? throw new ArgumentException($"Input '{input.Name}' ({paramName}) must be an amount of money (give it a currency).", paramName);
    }

    private static void NotMoney(UncertainInput input, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(input))] string? paramName = null)
    {
        Preconditions.CheckNotNull(input, paramName);
        Preconditions.CheckArgument(input.Currency is null, paramName!, $"Input '{input.Name}' ({paramName}) is a count or share, not money; it has currency {input.Currency}.");
    }

    private static void CheckShare(UncertainInput input, string paramName)
    {
        if (input.Minimum < 0 || input.Maximum > 1)
        {
            throw new ArgumentOutOfRangeException(paramName, input.Point, string.Create(CultureInfo.InvariantCulture,
                $"Input '{input.Name}' is a share: its bounds must lie in [0, 1] (use a share factory such as AssumedShare or FromRate); were [{input.Minimum:R}, {input.Maximum:R}]."));
        }
    }

    private static string Points(UncertainInput share, bool negative = false) =>
        string.Create(CultureInfo.InvariantCulture, $"{(negative ? "-" : "+")}{share.Point * 100:0.##} points");

    /// <summary>FTE saved as a function of the handle-time reduction, from staffing runs on a grid.</summary>
    private sealed class FteCurve
    {
        private const int GridPoints = 41;
        private readonly double[] _reductions;
        private readonly double[] _saved;

        private FteCurve(double baseline, double[] reductions, double[] saved)
        {
            Baseline = baseline;
            _reductions = reductions;
            _saved = saved;
        }

        public double Baseline { get; }

        public static FteCurve Build(StaffingProfile profile, StaffingPlanner planner, UncertainInput reduction)
        {
            double aht = profile.AverageHandleTime.TotalSeconds;
            double low = reduction.Low, high = reduction.High;
            if (reduction.Distribution == SamplingDistribution.Normal && !reduction.IsFixed)
            {
                // P0.05 and P99.95 of the draws, kept within the bounds and short of the handle time.
                low = Math.Max(reduction.Minimum, Math.Min(low, reduction.Quantile(-3.2905)));
                high = Math.Min(reduction.Maximum, Math.Max(high, reduction.Quantile(3.2905)));
                high = Math.Min(high, reduction.High + ((aht - reduction.High) / 2));
            }
            var grid = new SortedSet<double> { reduction.Low, reduction.Point, reduction.High };
            if (high > low)
            {
                for (int i = 0; i < GridPoints; i++)
                {
                    grid.Add(low + ((high - low) * i / (GridPoints - 1)));
                }
            }
            double baseline = profile.Fte(planner);
            var reductions = grid.ToArray();
            var saved = reductions.Select(z => baseline - profile.Fte(planner, Duration.FromSeconds(aht - z))).ToArray();
            return new FteCurve(baseline, reductions, saved);
        }

        public double Saved(double reduction)
        {
            int i = Array.BinarySearch(_reductions, reduction);
            if (i >= 0)
            {
                return _saved[i];
            }
            i = ~i;
            if (i == 0)
            {
                return _saved[0];
            }
            if (i == _reductions.Length)
            {
                return _saved[^1];
            }
            double t = (reduction - _reductions[i - 1]) / (_reductions[i] - _reductions[i - 1]);
            return _saved[i - 1] + (t * (_saved[i] - _saved[i - 1]));
        }
    }
}
