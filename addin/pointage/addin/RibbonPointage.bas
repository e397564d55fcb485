Attribute VB_Name = "RibbonPointage"
' Pointage: every ribbon button calls this procedure with its own id;
' pointage.addin.dispatch.run decides what the button does.
' Comments in ASCII; the French of the strings is spelt in ChrW codes by the build.
' Every failure ends in a French sentence saying what to do (PointageMessage); what
' Python or Windows said goes to the log file that sentence names (PointageLogPath).
Sub PointageBouton(control As IRibbonControl)
    ' No workbook open, or the active one in Protected View: RunPython reads the
    ' active workbook's config sheet and would stop on run-time error 91.
    If ActiveWorkbook Is Nothing Then
        If control.ID = "pointage_nouveau" Then
            Workbooks.Add
        Else
            MsgBox "Ouvrez d'abord le classeur à vérifier. " & _
                "S'il est ouvert en mode protégé, cliquez sur « Activer la modification ».", _
                vbInformation, "Pointage"
            Exit Sub
        End If
    End If
    If Not PointagePret() Then Exit Sub
    On Error GoTo Failed
    RunPython "from pointage.addin.dispatch import run; run('" & control.ID & "')"
    Exit Sub
Failed:
    ' Python could not be started, or the call to it failed: never the VBA error
    ' dialog and its Debug button, never an English message alone.
    If Err.Number = 1 Then
        ' The DLL loader's own sentence (xlwings' module, edited by the build).
        PointageMessage Err.Description
    ElseIf Err.Number = 53 Then
        ' A Declare whose DLL Windows could not find.
        PointageMessage PointageDllMissing("xlwings", ParentFolder(GetConfig("INTERPRETER_WIN", "")))
    Else
        PointageShowError "", "Erreur " & Err.Number & " : " & Err.Description
    End If
End Sub

' What a click needs before Python is asked: the interpreter the installer wrote,
' and on Windows that file on disk. False after saying what to do.
Function PointagePret() As Boolean
    Dim python As String
    #If Mac Then
        python = GetConfig("INTERPRETER_MAC", "")
    #Else
        python = GetConfig("INTERPRETER_WIN", "")
    #End If
    If python = "" Then
        PointageMessage "Le complément Pointage n'est pas installé pour ce compte : aucun Python " & _
            "n'est indiqué dans " & GetConfigFilePath() & "." & vbLf & _
            "Fermez Excel, lancez « pointage addin installer » (invite de commandes ou Terminal), " & _
            "puis rouvrez Excel."
        Exit Function
    End If
    #If Not Mac Then
        If Not FileExists(python) Then
            PointageMessage "Python est introuvable à l'emplacement indiqué par l'installation : " & _
                python & "." & vbLf & "Python a été désinstallé ou déplacé. Fermez Excel, puis " & _
                "lancez « pointage addin installer » avec le Python où Pointage est installé."
            Exit Function
        End If
    #End If
    PointagePret = True
End Function

' The sentence when xlwings' DLL cannot be loaded (Windows).
Function PointageDllMissing(dll As String, folder As String) As String
    PointageDllMissing = "Pointage ne trouve pas la bibliothèque " & dll & _
        " de xlwings à côté de Python (" & folder & ")." & vbLf & _
        "Fermez Excel, lancez « pointage addin verifier » : il dit où la mettre ; " & _
        "puis « pointage addin installer »."
End Function

' The sentence when Excel cannot run xlwings' AppleScript (macOS).
Sub PointageAppleScriptMissing(script As String)
    Application.StatusBar = False
    PointageMessage "Excel ne trouve pas le script " & script & " dans le dossier " & _
        "~/Bibliothèque/Application Scripts/com.microsoft.Excel/." & vbLf & _
        "Fermez Excel, lancez « pointage addin installer » dans le Terminal, puis rouvrez Excel."
End Sub

' What Python or Windows said (a file's content, or a message): written to the log,
' and a French sentence that says what to do and where the detail is.
Sub PointageShowError(FileName As String, Optional Message As String = "")
    Dim detail As String, log As String, advice As String
    If Message = "" Then
        On Error Resume Next
        detail = ReadFile(FileName)
        On Error GoTo 0
    Else
        detail = Message
    End If
    log = PointageLogPath()
    On Error Resume Next
    PointageWriteLog log, detail
    On Error GoTo 0
    If InStr(detail, "No module named") > 0 Then
        advice = "Python ne trouve pas un module dont Pointage a besoin (pointage ou xlwings) : " & _
            "Pointage n'est pas installé dans le Python du complément." & vbLf & _
            "Fermez Excel, réinstallez Pointage dans ce Python, puis lancez « pointage addin verifier »."
    ElseIf InStr(detail, "-2147417846") > 0 Or InStr(detail, "-2147418111") > 0 Or _
           InStr(detail, "-2146777998") > 0 Then
        advice = "Excel a cessé d'attendre Python : le traitement a duré trop longtemps ou Excel " & _
            "était occupé (une cellule en cours de saisie, une boîte de dialogue ouverte)." & vbLf & _
            "Terminez la saisie, fermez les boîtes de dialogue et cliquez de nouveau. Pour un très " & _
            "grand classeur, utilisez la commande « pointage verifier »."
    Else
        advice = "Pointage n'a pas pu s'exécuter dans Python." & vbLf & _
            "Fermez Excel, lancez « pointage addin verifier » et transmettez son résultat " & _
            "avec le fichier ci-dessous à l'équipe Pointage."
    End If
    Application.StatusBar = False
    PointageMessage advice & vbLf & vbLf & "Détail : " & log
End Sub

Sub PointageMessage(text As String)
    MsgBox text, vbExclamation, "Pointage"
End Sub

' Next to the user's config file: a folder Excel may write to, on macOS too (its
' container). Python's own errors go to the same file (pointage.addin.error_log).
Function PointageLogPath() As String
    PointageLogPath = Replace(GetConfigFilePath(), PROJECT_NAME & ".conf", "pointage-erreur.log")
    #If Mac Then
        ' xlwings joins the home folder, which ends in "/", with another "/".
        PointageLogPath = Replace(PointageLogPath, "//", "/")
    #End If
End Function

Sub PointageWriteLog(path As String, text As String)
    Dim number As Integer
    number = FreeFile
    Open path For Output As #number
    Print #number, text
    Close #number
End Sub
