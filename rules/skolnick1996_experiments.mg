# The experiments behind Skolnick et al. (1996), as observations: what was perturbed, in which
# context, and what changed. `mechgraph check rules/` and `mechgraph observe rules/` judge each
# one against the links its context admits (rules/skolnick1996.mg); the hypothesis
# `final_common_pathway_meets_data` asks that the mechanism explain all of them.
#
# Observations say only what the abstract reports:
#   - binding to NMDA receptors "changed": NMDA_adaptation (the adaptive change) is observed +,
#     and NMDA_receptor binding is `change` (altered, direction not given in the abstract);
#   - "downregulation of cortical beta-adrenoceptors": the down-regulation +, the receptor -;
#   - the suicide-victim finding (Nowak et al. 1995) is post-mortem human frontal cortex:
#     binding was "altered", so `change` again.

experiment chronic_antidepressants [duration=chronic, period=14d, species=mouse, region=cerebral_cortex] @skolnick1996:
    # seventeen antidepressants, 14 days: adaptive changes in NMDA receptor binding
    input antidepressant
    antidepressant = +
    NMDA_adaptation = +
    NMDA_receptor = change

experiment acute_antidepressants [duration=acute, period=1d, species=mouse, region=cerebral_cortex] @skolnick1996:
    # the same treatments for one day: no change
    input antidepressant
    antidepressant = +
    NMDA_adaptation, NMDA_receptor = 0

experiment imipramine_outside_cortex [duration=chronic, period=14d, species=mouse, region=non_cortical] @skolnick1996:
    # after chronic imipramine the change is restricted to the cerebral cortex
    input imipramine
    imipramine = +
    NMDA_adaptation, NMDA_receptor = 0

experiment chronic_antidepressants_beta [duration=chronic, species=rodent, region=cerebral_cortex] @skolnick1996:
    # "a phenomenon also observed following chronic treatment with many antidepressants"
    input antidepressant
    antidepressant = +
    beta_adrenoceptor_downregulation = +
    beta_adrenoceptor = -

experiment chronic_nmda_antagonists [duration=chronic, species=rodent, region=cerebral_cortex] @skolnick1996:
    # chronic NMDA antagonists down-regulate cortical beta-adrenoceptors
    input NMDA_antagonist
    NMDA_antagonist = +
    beta_adrenoceptor_downregulation = +
    beta_adrenoceptor = -

experiment suicide_victims [species=human, region=frontal_cortex] @nowak1995:
    # radioligand binding to NMDA receptors is altered in frontal cortex of suicide victims
    input suicide
    suicide = +
    NMDA_receptor = change

hypothesis final_common_pathway_meets_data @skolnick1996:
    consistent with chronic_antidepressants, acute_antidepressants, imipramine_outside_cortex
    consistent with chronic_antidepressants_beta, chronic_nmda_antagonists, suicide_victims
