# Skolnick P, Layer RT, Popik P, Nowak G, Paul IA, Trullas R (1996).
# Adaptation of N-methyl-D-aspartate (NMDA) receptors following antidepressant treatment:
# implications for the pharmacotherapy of depression. Pharmacopsychiatry 29(1):23-6.
#
# Every sentence of the abstract, as mechanism rules (each block below quotes the sentence it
# encodes). The NMDA antagonists of Trullas and Skolnick (1990) are named from that paper
# (dizocilpine, ACPC); the abstract itself says only "NMDA antagonists". Where the abstract gives
# no number, the rules state the weakest quantity the abstract supports: the change is absent
# after 1 day and present after 14 days of treatment, so it "develops slowly" with an onset
# after the first day (onset>=1d); "persist for some time after cessation of treatment" is
# taken as at least a day after the last dose (persists>=1d: an assumption, to be replaced by
# the full papers' figure); "dose dependent" is a trend without doses, which the abstract
# does not give (trend=dose_dependent, no dose interval).

source skolnick1996 = pmid:8852531 "Adaptation of N-methyl-D-aspartate (NMDA) receptors following antidepressant treatment: implications for the pharmacotherapy of depression"
source trullas1990 = doi:10.1016/0014-2999(90)90204-J "Functional antagonists at the NMDA receptor complex exhibit antidepressant actions"
source nowak1995 = doi:10.1016/0006-8993(95)00057-W "Alterations of the N-methyl-D-aspartate (NMDA) receptor complex in the frontal cortex of suicide victims"

# Treatments and their classes: seventeen antidepressants were tested, three are named.
class antidepressant "clinically effective antidepressant" members=17
class tricyclic "tricyclic antidepressant"
class ssri "selective serotonin reuptake inhibitor"
class NMDA_antagonist "NMDA receptor antagonist"
drug imipramine id=CHEBI:47499
drug citalopram id=CHEBI:3723
treatment ECS "electroconvulsive shock"
drug dizocilpine "MK-801"
drug ACPC "1-aminocyclopropanecarboxylic acid"

imipramine isa tricyclic
citalopram isa ssri
tricyclic, ssri, ECS isa antidepressant
dizocilpine, ACPC isa NMDA_antagonist

# Receptors, processes and phenotypes
receptor NMDA_receptor "NMDA receptor"
receptor beta_adrenoceptor "β-adrenoceptor"
process NMDA_adaptation "adaptive change in radioligand binding to NMDA receptors"
process NMDA_function "NMDA receptor function"
process beta_adrenoceptor_downregulation "down-regulation of cortical β-adrenoceptors"
phenotype antidepressant_like_behaviour "activity in preclinical tests of antidepressant action"
phenotype antidepressant_effect "antidepressant action"
phenotype suicide "suicide (post-mortem brain)"
disease depression

# Context values and their hierarchies
context species mouse, rat, rodent, human
mouse, rat isa rodent
context region cerebral_cortex, frontal_cortex, non_cortical
frontal_cortex isa cerebral_cortex
context model predictive_test, depression_model
context trend dose_dependent

# Quantities: how long the treatment lasted, how long after its last dose, at which dose
# (no claim of the abstract states a dose; questions may ask one, e.g. dose=10mg/kg);
# when a change first appears (onset) and how long it outlasts the last dose (persists).
context period: time
context time_after_last_dose: time
context onset: time
context persists: time
context dose: mg/kg
context duration chronic = period>=14d, acute = period<=1d

# "NMDA antagonists mimic the effects of clinically effective antidepressants in both
# preclinical tests predictive of antidepressant action and procedures designed to model
# aspects of depressive symptomatology."
antidepressant -> antidepressant_like_behaviour [model=predictive_test, species=rodent] @skolnick1996
NMDA_antagonist -> antidepressant_like_behaviour [model=predictive_test, species=rodent] @skolnick1996 @trullas1990
NMDA_antagonist -> antidepressant_like_behaviour [model=depression_model, species=rodent] @skolnick1996 @trullas1990

# "These findings led to experiments demonstrating that chronic administration of NMDA
# antagonists to rodents results in a downregulation of cortical beta-adrenoceptors, a
# phenomenon also observed following chronic treatment with many antidepressants."
NMDA_antagonist -> beta_adrenoceptor_downregulation [duration=chronic, species=rodent, region=cerebral_cortex] @skolnick1996
antidepressant -> beta_adrenoceptor_downregulation [duration=chronic, region=cerebral_cortex] @skolnick1996
beta_adrenoceptor_downregulation -| beta_adrenoceptor @skolnick1996

# "These neurochemical and behavioral similarities between antidepressants and NMDA antagonists
# prompted us to examine the impact of chronic antidepressant treatment on NMDA receptors."
# (the question the next sentences answer; the hypothesis antagonists_mimic_antidepressants
# below states the similarities as checks)

# "Chronic (14 days) but not acute (1 day) administration of seventeen different antidepressants
# to mice produced adaptive changes in radioligand binding to NMDA receptors."
antidepressant -> NMDA_adaptation [duration=chronic, species=mouse, region=cerebral_cortex] @skolnick1996
antidepressant -0 NMDA_adaptation [duration=acute, species=mouse, region=cerebral_cortex] @skolnick1996
NMDA_adaptation -> NMDA_receptor @skolnick1996
NMDA_adaptation -| NMDA_function @skolnick1996

# "Detailed studies with three antidepressants (imipramine, citalopram, and electroconvulsive
# shock) show that these changes develop slowly, persist for some time after cessation of
# treatment, and (for imipramine and citalopram) are dose dependent."
imipramine -> NMDA_adaptation [onset>=1d, persists>=1d, trend=dose_dependent, duration=chronic, species=mouse, region=cerebral_cortex] @skolnick1996
citalopram -> NMDA_adaptation [onset>=1d, persists>=1d, trend=dose_dependent, duration=chronic, species=mouse, region=cerebral_cortex] @skolnick1996
ECS -> NMDA_adaptation [onset>=1d, persists>=1d, duration=chronic, species=mouse, region=cerebral_cortex] @skolnick1996

# "Moreover, following chronic treatment with imipramine, these changes in radioligand binding
# to NMDA receptors appear restricted to the cerebral cortex."
imipramine -0 NMDA_adaptation [duration=chronic, species=mouse, region=non_cortical] @skolnick1996

# "Based on the consistency of these effects across antidepressant treatments, we propose that
# adaptive changes in NMDA receptors may be the final common pathway for antidepressant action."
NMDA_adaptation -> antidepressant_effect @skolnick1996 status=hypothesis
NMDA_function -| antidepressant_effect [species=rodent] @trullas1990
NMDA_antagonist -| NMDA_function @trullas1990

# "The recent demonstration (Nowak et al., 1995) that radioligand binding to NMDA receptors is
# altered in frontal cortex of suicide victims (compared to age and post-mortem interval matched
# controls) is consistent with the hypothesis (Trullas and Skolnick, 1990) that this family of
# ligand gated ion channels is involved in the pathophysiology of depression."
suicide -- NMDA_receptor [species=human, region=frontal_cortex] @nowak1995
NMDA_receptor -- depression @trullas1990 status=hypothesis

hypothesis final_common_pathway @skolnick1996:
    every antidepressant reaches antidepressant_effect through NMDA_adaptation [duration=chronic]
    sign of antidepressant to antidepressant_effect is + [duration=chronic]
    no antidepressant reaches NMDA_adaptation [duration=acute]
    every antidepressant reaches NMDA_adaptation [period>=14d]
    consistent

hypothesis antagonists_mimic_antidepressants @skolnick1996:
    every NMDA_antagonist reaches antidepressant_like_behaviour [model=predictive_test]
    every NMDA_antagonist reaches beta_adrenoceptor_downregulation [duration=chronic]
    every antidepressant reaches beta_adrenoceptor_downregulation [duration=chronic]
    sign of NMDA_antagonist to antidepressant_effect is +

hypothesis time_course @skolnick1996:
    some antidepressant reaches NMDA_adaptation [duration=chronic, time_after_last_dose=1d]
    some antidepressant reaches NMDA_adaptation [trend=dose_dependent, duration=chronic]
    no antidepressant reaches NMDA_adaptation [period<=1d]
