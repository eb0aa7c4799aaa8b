drugs imipramine
imipramine => NMDA_adaptation
antidepressant -> NMDA_adaptation [duration chronic]
