Attribute VB_Name = "RibbonPointage"
' Pointage: every ribbon button calls this procedure with its own id;
' pointage.addin.dispatch.run decides what the button does.
Sub PointageBouton(control As IRibbonControl)
    RunPython "from pointage.addin.dispatch import run; run('" & control.ID & "')"
End Sub
