# Skolnick P, Layer RT, Popik P, Nowak G, Paul IA, Trullas R (1996).
# Adaptation of N-methyl-D-aspartate (NMDA) receptors following antidepressant treatment:
# implications for the pharmacotherapy of depression. Pharmacopsychiatry 29(1):23-6.
#
# Every claim of the abstract, as mechanism rules. Claims the language cannot say yet:
#   - the NMDA changes "develop slowly" after imipramine, citalopram and ECS (an onset time course);
#   - they "persist for some time after cessation of treatment" (an offset time course);
#   - for imipramine and citalopram they "are dose dependent" (a dose-response trend, not one dose);
#   - "seventeen different antidepressants": the abstract names only three of them, so the class
#     `antidepressant` has three leaf members here and the other fourteen are not listed.
# The NMDA antagonists of Trullas and Skolnick (1990) are named from that paper (dizocilpine, ACPC);
# the abstract itself says only "NMDA antagonists".

source skolnick1996 = pmid:8852531 "Adaptation of N-methyl-D-aspartate (NMDA) receptors following antidepressant treatment: implications for the pharmacotherapy of depression"
source trullas1990 = doi:10.1016/0014-2999(90)90204-J "Functional antagonists at the NMDA receptor complex exhibit antidepressant actions"
source nowak1995 = doi:10.1016/0006-8993(95)00057-W "Alterations of the N-methyl-D-aspartate (NMDA) receptor complex in the frontal cortex of suicide victims"

# Treatments and their classes
class antidepressant "clinically effective antidepressant"
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
context duration chronic, acute
context model predictive_test, depression_model

# NMDA antagonists mimic clinically effective antidepressants in tests predictive of
# antidepressant action and in models of depressive symptoms.
antidepressant -> antidepressant_like_behaviour [model=predictive_test, species=rodent] @skolnick1996
NMDA_antagonist -> antidepressant_like_behaviour [model=predictive_test, species=rodent] @skolnick1996 @trullas1990
NMDA_antagonist -> antidepressant_like_behaviour [model=depression_model, species=rodent] @skolnick1996 @trullas1990

# Chronic NMDA antagonists down-regulate cortical beta-adrenoceptors, as chronic antidepressants do.
NMDA_antagonist -> beta_adrenoceptor_downregulation [duration=chronic, species=rodent, region=cerebral_cortex] @skolnick1996
antidepressant -> beta_adrenoceptor_downregulation [duration=chronic, region=cerebral_cortex] @skolnick1996
beta_adrenoceptor_downregulation -| beta_adrenoceptor @skolnick1996

# Chronic (14 days) but not acute (1 day) antidepressant treatment changes NMDA receptor binding
# in mice; after imipramine the change is restricted to the cerebral cortex.
antidepressant -> NMDA_adaptation [duration=chronic, period=14d, species=mouse, region=cerebral_cortex] @skolnick1996
antidepressant -0 NMDA_adaptation [duration=acute, period=1d, species=mouse] @skolnick1996
imipramine -0 NMDA_adaptation [duration=chronic, species=mouse, region=non_cortical] @skolnick1996
NMDA_adaptation -> NMDA_receptor @skolnick1996
NMDA_adaptation -| NMDA_function @skolnick1996

# Functional NMDA antagonists act as antidepressants (Trullas and Skolnick 1990).
NMDA_antagonist -| NMDA_function @trullas1990
NMDA_function -| antidepressant_effect [species=rodent] @trullas1990

# The proposal: NMDA receptor adaptation is the final common pathway of antidepressant action.
NMDA_adaptation -> antidepressant_effect @skolnick1996 status=hypothesis

# Altered NMDA receptor binding in the frontal cortex of suicide victims (Nowak et al. 1995),
# consistent with NMDA receptors in the pathophysiology of depression (Trullas and Skolnick 1990).
suicide -- NMDA_receptor [species=human, region=frontal_cortex] @nowak1995
NMDA_receptor -- depression @trullas1990 status=hypothesis

hypothesis final_common_pathway @skolnick1996:
    every antidepressant reaches antidepressant_effect through NMDA_adaptation [duration=chronic]
    sign of antidepressant to antidepressant_effect is + [duration=chronic]
    no antidepressant reaches NMDA_adaptation [duration=acute]
    consistent

hypothesis antagonists_mimic_antidepressants @skolnick1996:
    every NMDA_antagonist reaches antidepressant_like_behaviour [model=predictive_test]
    every NMDA_antagonist reaches beta_adrenoceptor_downregulation [duration=chronic]
    every antidepressant reaches beta_adrenoceptor_downregulation [duration=chronic]
    sign of NMDA_antagonist to antidepressant_effect is +
