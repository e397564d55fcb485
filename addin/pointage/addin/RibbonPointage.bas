Attribute VB_Name = "RibbonPointage"
' Pointage: every ribbon button calls this procedure with its own id;
' pointage.addin.dispatch.run decides what the button does.
' ASCII only (VBA source is stored in the ANSI code page): accents are ChrW codes.
Sub PointageBouton(control As IRibbonControl)
    ' No workbook open, or the active one in Protected View: RunPython reads the
    ' active workbook's config sheet and would stop on run-time error 91.
    If ActiveWorkbook Is Nothing Then
        If control.ID = "pointage_nouveau" Then
            Workbooks.Add
        Else
            MsgBox "Ouvrez d'abord le classeur " & ChrW(224) & " v" & ChrW(233) & "rifier. " & _
                "S'il est ouvert en mode prot" & ChrW(233) & "g" & ChrW(233) & ", cliquez sur " & _
                ChrW(171) & " Activer la modification " & ChrW(187) & ".", vbInformation, "Pointage"
            Exit Sub
        End If
    End If
    On Error GoTo Failed
    RunPython "from pointage.addin.dispatch import run; run('" & control.ID & "')"
    Exit Sub
Failed:
    ' Python could not be started (interpreter not found...): a message, never the
    ' VBA error dialog and its Debug button.
    MsgBox "Pointage n'a pas pu d" & ChrW(233) & "marrer Python : " & Err.Description & vbLf & _
        "Relancez l'installation : py -m pointage addin installer", vbExclamation, "Pointage"
End Sub
