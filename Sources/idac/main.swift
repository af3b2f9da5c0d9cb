print("idac")
