# Reference numbers for the Retention tests (R 4.2.2, survival 3.5-3). The test suite does not run R;
# the numbers printed here are hard-coded in the tests of this folder (CoxProportionalHazardsTests, KaplanMeierTests,
# LogRankTestTests, RossiKaplanMeierReference.cs) with the call cited.
# Usage: Rscript rossi_reference.R /path/to/shared/data/rossi.csv
library(survival)
args <- commandArgs(trailingOnly = TRUE)
rossi <- read.csv(if (length(args) > 0) args[1] else "../shared/data/rossi.csv")
options(digits = 15)
show <- function(label, x) { cat("##", label, "\n"); print(x, digits = 15) }

# Cox PH, Efron and Breslow ties
for (ties in c("efron", "breslow")) {
  fit <- coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi, ties = ties)
  show(paste(ties, "coef"), coef(fit))
  show(paste(ties, "se"), sqrt(diag(vcov(fit))))
  show(paste(ties, "loglik (null, fitted)"), fit$loglik)
  show(paste(ties, "score test"), fit$score)
  show(paste(ties, "wald test"), fit$wald.test)
  show(paste(ties, "iterations"), fit$iter)
  s <- summary(fit)
  show(paste(ties, "summary coefficients"), s$coefficients)
  show(paste(ties, "summary conf.int"), s$conf.int)
  show(paste(ties, "logtest / waldtest / sctest"), rbind(s$logtest, s$waldtest, s$sctest))
}

# Stratified Cox
fit <- coxph(Surv(week, arrest) ~ fin + age + wexp + mar + paro + prio + strata(race), data = rossi)
show("strata(race) coef", coef(fit))
show("strata(race) se", sqrt(diag(vcov(fit))))
show("strata(race) loglik", fit$loglik)

# Counting-process input: the same model on (start, stop] pieces cut at weeks 10, 20, 30 gives the same fit
split <- survSplit(Surv(week, arrest) ~ ., data = rossi, cut = c(10, 20, 30), episode = "piece")
fit <- coxph(Surv(tstart, week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = split)
show("counting process coef", coef(fit))
show("counting process loglik", fit$loglik)
# A genuinely time-varying covariate: the effect of fin after week 20, stratified by race, Breslow ties
split20 <- survSplit(Surv(week, arrest) ~ ., data = rossi, cut = 20, episode = "piece")
split20$fin_late <- split20$fin * (split20$tstart >= 20)
fit <- coxph(Surv(tstart, week, arrest) ~ fin + age + prio + fin_late + strata(race), data = split20, ties = "breslow")
show("time-varying coef", coef(fit))
show("time-varying se", sqrt(diag(vcov(fit))))
show("time-varying loglik", fit$loglik)

# Kaplan-Meier by financial aid
for (ct in c("plain", "log-log", "log")) {
  km <- survfit(Surv(week, arrest) ~ fin, data = rossi, conf.type = ct)
  s <- summary(km)
  show(paste("KM", ct), data.frame(strata = s$strata, time = s$time, n.risk = s$n.risk, n.event = s$n.event,
                                   n.censor = s$n.censor, surv = s$surv, std.err = s$std.err,
                                   lower = s$lower, upper = s$upper))
}
km <- survfit(Surv(week, arrest) ~ fin, data = rossi, conf.type = "log-log")
show("KM survival at weeks 10, 25.5, 52", summary(km, times = c(10, 25.5, 52))$surv)
show("KM rmean tau = 40", summary(km, rmean = 40)$table[, c("rmean", "se(rmean)")])
show("KM rmean tau = 52", summary(km, rmean = 52)$table[, c("rmean", "se(rmean)")])

# Log-rank
lr <- survdiff(Surv(week, arrest) ~ fin, data = rossi)
show("survdiff obs", lr$obs); show("survdiff exp", lr$exp); show("survdiff var", lr$var); show("survdiff chisq", lr$chisq)
show("survdiff p", pchisq(lr$chisq, length(lr$n) - 1, lower.tail = FALSE))
lr <- survdiff(Surv(week, arrest) ~ interaction(race, mar), data = rossi)
show("survdiff race x mar n", lr$n); show("obs", lr$obs); show("exp", lr$exp); show("chisq", lr$chisq)
show("p", pchisq(lr$chisq, sum(lr$exp > 0) - 1, lower.tail = FALSE))
lr <- survdiff(Surv(week, arrest) ~ fin + strata(race), data = rossi)
show("survdiff stratified obs", lr$obs); show("exp", lr$exp); show("chisq", lr$chisq)

# Small hand cases: medians on a flat 0.5 and censoring ties
tiny <- data.frame(time = c(1, 2, 2, 3, 4, 4, 5, 6), status = c(1, 1, 0, 1, 0, 1, 1, 0))
km <- survfit(Surv(time, status) ~ 1, data = tiny, conf.type = "log-log")
show("tiny KM", summary(km)); print(km, rmean = 6, digits = 15)
flat <- data.frame(time = c(1, 2, 3, 4), status = c(1, 1, 0, 0))
print(survfit(Surv(time, status) ~ 1, data = flat), digits = 15)
flat2 <- data.frame(time = c(1, 2, 3, 4), status = c(1, 0, 1, 0))
print(survfit(Surv(time, status) ~ 1, data = flat2), digits = 15)
flat3 <- data.frame(time = c(1, 2, 3, 4, 5, 6), status = c(1, 1, 1, 1, 1, 1))
print(survfit(Surv(time, status) ~ 1, data = flat3), digits = 15)

# The Kaplan-Meier tables as C# rows (pasted into RossiReference.KaplanMeier.cs):
# fin, time, n.risk, n.event, n.censor, surv, std.err (of S), lower, upper
for (ct in c("plain", "log-log")) {
  s <- summary(survfit(Surv(week, arrest) ~ fin, data = rossi, conf.type = ct))
  cat("## KM C# rows", ct, "\n")
  cat(sprintf("        new(%s, %.17g, %d, %d, %d, %.17g, %.17g, %.17g, %.17g),\n",
              sub("fin=", "", s$strata), s$time, s$n.risk, s$n.event, s$n.censor, s$surv, s$std.err, s$lower, s$upper), sep = "")
}

# Aliased covariates (CoxFitResultTests): c and finage are NA ("not defined because of singularities").
aliased <- transform(rossi, c = 1, finage = fin + age)
f <- coxph(Surv(week, arrest) ~ fin + age + c + finage + prio, data = aliased)
print(coef(f), digits = 15); print(sqrt(diag(vcov(f))), digits = 15); print(f$loglik, digits = 15)
# Separation: warns "Loglik converged before variable 2; coefficient may be infinite".
print(coef(coxph(Surv(week, arrest) ~ fin + x, data = transform(rossi, x = arrest))), digits = 15)
